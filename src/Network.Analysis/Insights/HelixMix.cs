using System.Globalization;
using Network.Analysis.Graphs;

namespace Network.Analysis.Insights;

/// <param name="Shares">Share of the organisations in each helix, in <see cref="Helices.All"/>' order.</param>
/// <param name="External">Ties between organisations of different helices (both ends in the group).</param>
/// <param name="Internal">Ties within one helix (both ends in the group).</param>
/// <param name="EiIndex">Krackhardt &amp; Stern's E–I index, (E − I) / (E + I); null without ties.</param>
/// <param name="ExpectedEi">The E–I index random mixing of the same organisations would give: 2·p − 1, p the share of pairs across helices.</param>
/// <param name="TieShares">Of the ties its members have (to anyone), the share reaching each helix.</param>
public sealed record HelixMix(int Organisations, IReadOnlyList<double> Shares, int External, int Internal, double? EiIndex, double? ExpectedEi, IReadOnlyList<double> TieShares)
{
    /// <summary>In words: "mostly industry (62 %), ties little to government; E–I −0.40 against −0.05 by chance: ties stay within their helix".</summary>
    /// <param name="withIndex">With the E–I index against chance (the communities page); without, the mix alone (the overview's cards).</param>
    public string Words(IReadOnlyList<double> overall, bool withIndex = true)
    {
        if (Organisations == 0)
            return "no organisations";
        var order = Enumerable.Range(0, Helices.All.Count).OrderByDescending(h => Shares[h]).ToList();
        var first = order[0];
        var mix = Shares[first] > 0.5
            ? $"mostly {Helices.Names[first]} ({Percent(Shares[first])})"
            : $"a mix of {Helices.Names[first]} ({Percent(Shares[first])}) and {Helices.Names[order[1]]} ({Percent(Shares[order[1]])})";
        // The helix its ties reach least against how common that helix is in the whole network.
        var least = Enumerable.Range(0, Helices.All.Count).Where(h => overall[h] >= 0.05)
            .Select(h => (h, Ratio: TieShares[h] / overall[h])).OrderBy(x => x.Ratio).FirstOrDefault();
        var reach = least.Ratio < 0.5 && TieShares.Sum() > 0 ? $", ties little to {Helices.Names[least.h]}" : "";
        var ei = withIndex && EiIndex is { } e && ExpectedEi is { } x
            ? $"; E–I {Signed(e)} against {Signed(x)} by chance: {(e < x - 0.1 ? "ties stay within their helix more than chance would" : e > x + 0.1 ? "ties cross helices more than chance would" : "ties cross helices about as often as chance would")}"
            : "";
        return mix + reach + ei;
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Signed(double value)
    {
        var rounded = Math.Round(value, 2);
        return rounded == 0 ? "0.00" : (rounded < 0 ? "−" : "+") + Math.Abs(rounded).ToString("0.00", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The quadruple helix of the Leuven policy note's "strategisch platform (quadruple helix)": knowledge institutions
/// (universities, research institutes), industry (companies, investors), government, and civil society (intermediaries,
/// civil-society and other organisations) — the same grouping as the explorer's helix colours. The E–I index counts
/// ties without weights (Krackhardt &amp; Stern 1988, "Informal networks and organizational crises").
/// </summary>
public static class Helices
{
    public static readonly IReadOnlyList<string> All = ["knowledge", "industry", "government", "society"];

    public static readonly IReadOnlyList<string> Names = ["knowledge institutions", "industry", "government", "civil society"];

    public static int Of(string kind) => kind switch
    {
        "university" or "research-institute" => 0,
        "company" or "investor" => 1,
        "government" => 2,
        _ => 3,
    };

    /// <summary>
    /// The mix of every group at once (<paramref name="group"/> per organisation, e.g. its community): one pass over the
    /// ties instead of one per group — the same values as <see cref="Mix"/> of each group's members.
    /// </summary>
    public static IReadOnlyDictionary<int, HelixMix> MixOfEach(WeightedGraph graph, IReadOnlyList<string> kinds, IReadOnlyList<int> group)
    {
        var helix = kinds.Select(Of).ToArray();
        var groups = new Dictionary<int, (int[] Counts, double[] Reached, int External, int Within)>();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            if (!groups.TryGetValue(group[v], out var g))
                g = (new int[All.Count], new double[All.Count], 0, 0);
            g.Counts[helix[v]]++;
            foreach (var w in graph.Neighbours(v))
            {
                g.Reached[helix[w]]++;
                if (group[w] != group[v] || w < v)
                    continue;
                if (helix[w] == helix[v])
                    g.Within++;
                else
                    g.External++;
            }
            groups[group[v]] = g;
        }
        return groups.ToDictionary(g => g.Key, g => Described(g.Value.Counts, g.Value.Reached, g.Value.External, g.Value.Within));
    }

    /// <param name="members">The organisations of the group (all of them for the ecosystem).</param>
    public static HelixMix Mix(WeightedGraph graph, IReadOnlyList<string> kinds, IReadOnlyCollection<int> members)
    {
        var helix = kinds.Select(Of).ToArray();
        var inside = new bool[graph.NodeCount];
        foreach (var v in members)
            inside[v] = true;
        var counts = new int[All.Count];
        var reached = new double[All.Count];
        int external = 0, within = 0;
        foreach (var v in members)
        {
            counts[helix[v]]++;
            foreach (var w in graph.Neighbours(v))
            {
                reached[helix[w]]++;
                if (!inside[w] || w < v)
                    continue;
                if (helix[w] == helix[v])
                    within++;
                else
                    external++;
            }
        }
        return Described(counts, reached, external, within);
    }

    private static HelixMix Described(int[] counts, double[] reached, int external, int within)
    {
        var n = counts.Sum();
        double? ei = external + within > 0 ? (double)(external - within) / (external + within) : null;
        double? expected = n > 1 ? 2 * (1 - counts.Sum(c => (double)c * (c - 1)) / ((double)n * (n - 1))) - 1 : null;
        var totalReached = reached.Sum();
        return new HelixMix(n, counts.Select(c => n == 0 ? 0 : (double)c / n).ToList(), external, within, ei, expected,
            reached.Select(r => totalReached == 0 ? 0 : r / totalReached).ToList());
    }
}
