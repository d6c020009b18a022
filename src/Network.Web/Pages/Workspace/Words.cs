using System.Globalization;
using Network.Analysis.Insights;
using Network.Analysis.ValueChain;

namespace Network.Web.Pages.Workspace;

/// <summary>Numbers and findings in the words a manager reads.</summary>
public static class Words
{
    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>Worst first: nothing at all, then only outside the region, then present but not linked, then a single actor.</summary>
    public static int Severity(GapKind kind) => kind switch
    {
        GapKind.Missing => 0,
        GapKind.ExternalOnly => 1,
        GapKind.Unconnected => 2,
        _ => 3,
    };

    /// <summary>
    /// The gaps worth a manager's attention first: sectors active in the region before sectors with nothing in it, then
    /// by severity; the missing stages of one sector are one line ("no organisation at pilot, production").
    /// </summary>
    public static IReadOnlyList<(Gap Gap, string Text)> WorstGaps(IReadOnlyList<SectorChain> chains)
    {
        var lines = new List<(Gap Gap, string Text, bool Active)>();
        foreach (var chain in chains)
        {
            var active = chain.Stages.Any(s => s.InRegion.Count > 0);
            var missing = chain.Gaps.Where(g => g.Kind == GapKind.Missing).ToList();
            if (missing.Count > 0)
            {
                var stages = missing.Count == chain.Stages.Count ? "any stage"
                    : missing.Count == 1 ? "the " + missing[0].Stage + " stage"
                    : "the " + string.Join(", ", missing.Take(missing.Count - 1).Select(g => g.Stage)) + " and " + missing[^1].Stage + " stages";
                lines.Add((missing[0], $"No organisation works at {stages} of {chain.SectorName}, in or outside the region.", active));
            }
            lines.AddRange(chain.Gaps.Where(g => g.Kind != GapKind.Missing).Select(g => (g, g.Explanation, active)));
        }
        return lines.OrderByDescending(l => l.Active).ThenBy(l => Severity(l.Gap.Kind)).ThenBy(l => l.Gap.SectorName, StringComparer.Ordinal)
            .Select(l => (l.Gap, l.Text)).ToList();
    }

    public static string GapClass(GapKind kind) => "gap-" + kind.ToString().ToLowerInvariant();

    /// <summary>An organisation kind in the plural: "companies", "research institutes".</summary>
    public static string KindPlural(string kind) => Network.Analysis.Domain.Vocabulary.KindPlural(kind);

    /// <summary>A name cut to at most <paramref name="most"/> characters with an ellipsis, for a label in a drawing.</summary>
    public static string Shortened(string name, int most) => name.Length <= most ? name : name[..(most - 1)].TrimEnd() + "…";

    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "";
}
