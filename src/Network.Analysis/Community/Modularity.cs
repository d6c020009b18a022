using Network.Analysis.Graphs;
using Network.Analysis.Structure;

namespace Network.Analysis.Community;

/// <summary>
/// Newman–Girvan modularity with a resolution, as NetworkX <c>community.modularity(G, communities, weight, resolution)</c>:
/// Q = Σ_c [ L_c / m − γ (K_c / 2m)² ], L_c the weight inside community c, K_c the summed strength of its nodes,
/// m the total weight.
/// </summary>
public static class Modularity
{
    public static double Of(WeightedGraph graph, IReadOnlyList<int> community, double resolution = 1.0)
    {
        var m = graph.TotalWeight();
        if (m == 0)
            return 0;
        var count = community.Count == 0 ? 0 : community.Max() + 1;
        var inside = new double[count];
        var strength = new double[count];
        foreach (var (u, v, w) in graph.Edges())
        {
            if (community[u] == community[v])
                inside[community[u]] += w;
        }
        for (var v = 0; v < graph.NodeCount; v++)
            strength[community[v]] += graph.Strength(v);
        var q = 0.0;
        for (var c = 0; c < count; c++)
            q += inside[c] / m - resolution * (strength[c] / (2 * m)) * (strength[c] / (2 * m));
        return q;
    }

    /// <summary>Renumbers communities 0..k−1, largest first (ties by lowest node), so results read the same each run.</summary>
    public static int[] Normalise(IReadOnlyList<int> community)
    {
        var groups = community.Select((c, v) => (c, v)).GroupBy(x => x.c)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.v))
            .Select((g, i) => (g.Key, i))
            .ToDictionary(x => x.Key, x => x.i);
        return community.Select(c => groups[c]).ToArray();
    }

    /// <summary>Splits every community that is not connected into its connected parts (never lowers modularity).</summary>
    public static int[] SplitDisconnected(WeightedGraph graph, IReadOnlyList<int> community) =>
        Connectivity.Components(graph, community);
}
