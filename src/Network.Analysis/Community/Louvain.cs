using Network.Analysis.Graphs;

namespace Network.Analysis.Community;

/// <summary>
/// Louvain community detection for modularity (Blondel, Guillaume, Lambiotte &amp; Lefebvre 2008, "Fast unfolding of
/// communities in large networks"): local moving until no node gains, then aggregation, until a level moves nothing.
/// Uses the same gain and queue-based moving as <see cref="Leiden"/>, without refinement — so, unlike Leiden,
/// its communities may be badly connected. Seeded and deterministic.
/// </summary>
public static class Louvain
{
    public static CommunityResult Detect(WeightedGraph graph, double resolution = 1.0, int seed = 0)
    {
        var random = new Random(seed);
        var level = LevelGraph.From(graph);
        var membership = Enumerable.Range(0, graph.NodeCount).ToArray();
        while (true)
        {
            var partition = Enumerable.Range(0, level.Count).ToArray();
            LocalMoving.MoveNodesFast(level, partition, resolution, random);
            var communities = LevelGraph.Compact(partition);
            for (var v = 0; v < membership.Length; v++)
                membership[v] = partition[membership[v]];
            if (communities == level.Count)
                break;
            level = level.Aggregate(partition, communities);
        }
        var normalised = Modularity.Normalise(membership);
        return new CommunityResult("louvain", normalised, normalised.Length == 0 ? 0 : normalised.Max() + 1, Modularity.Of(graph, normalised, resolution));
    }
}
