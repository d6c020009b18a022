using System.Globalization;

namespace Network.Analysis.Text;

/// <summary>
/// How every surface writes a measure's value (pages, report, CLI): one number of decimals per measure, thousands
/// separated, in the invariant culture, so that the same value reads the same wherever it is shown.
/// </summary>
public static class Numbers
{
    private static readonly IReadOnlyDictionary<string, int> Decimals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["score"] = 2, ["betweenness"] = 4, ["pagerank"] = 4, ["closeness"] = 3, ["eigenvector"] = 3, ["harmonic"] = 1,
        ["constraint"] = 2, ["effective-size"] = 1, ["effectiveSize"] = 1, ["efficiency"] = 2, ["hierarchy"] = 2, ["strength"] = 1,
        ["bridge-share"] = 2, ["modularity"] = 3, ["ei-index"] = 2, ["global-efficiency"] = 3,
    };

    /// <summary>The value as the measure is written everywhere; "–" for none. A positive value too small for its decimals reads "&lt; 0.0001".</summary>
    public static string Format(string measure, double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
            return "–";
        var decimals = Decimals.GetValueOrDefault(measure, 0);
        var smallest = Math.Pow(10, -decimals);
        if (decimals > 0 && v > 0 && v < smallest / 2)
            return "< " + smallest.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
        return v.ToString("#,0" + (decimals > 0 ? "." + new string('0', decimals) : ""), CultureInfo.InvariantCulture);
    }

    /// <summary>A count with thousands separators: 2,207,511.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
