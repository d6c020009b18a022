using Network.Analysis.Centrality;
using Network.Analysis.Graphs;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Centrality;

/// <summary>The engine's one shortest-path search, asked for distances alone, against Bellman–Ford relaxation written out here.</summary>
public class DistanceSearchTests
{
    /// <summary>Every tie relaxed until nothing shortens: slow, obviously right.</summary>
    private static double[] Relaxed(WeightedGraph graph, int source)
    {
        var d = Enumerable.Repeat(double.PositiveInfinity, graph.NodeCount).ToArray();
        d[source] = 0;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (u, v, w) in graph.Edges())
            {
                foreach (var (a, b) in new[] { (u, v), (v, u) })
                {
                    if (d[a] + 1 / w < d[b] - 1e-12)
                        (d[b], changed) = (d[a] + 1 / w, true);
                }
            }
        }
        return d;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DistancesAreThoseOfRelaxationWeightedOrNotWithUnreachedNodesInfinite(bool weighted)
    {
        var ba = RandomGraphs.BarabasiAlbert(200, 2, 3);
        // Two nodes apart from the rest: unreachable from every source but each other.
        var ids = ba.Ids.Concat(["x", "y"]).ToList();
        var edges = ba.Edges().Select(e => (e.U, e.V, weighted ? 1.0 + (e.U * 5 + e.V) % 7 : 1.0)).Append((200, 201, weighted ? 2.0 : 1.0));
        var graph = WeightedGraph.Create(ids, edges);
        Assert.Equal(!weighted, graph.IsUnweighted);
        var search = ShortestPaths.DistanceSearches(graph)();
        foreach (var source in new[] { 0, 17, 199, 200 })
        {
            var expected = Relaxed(graph, source);
            var found = search.From(source);
            for (var v = 0; v < graph.NodeCount; v++)
            {
                if (double.IsInfinity(expected[v]))
                    Assert.True(double.IsPositiveInfinity(found[v]), $"{source}→{v}: {found[v]}");
                else
                    Assert.Equal(expected[v], found[v], 9);
            }
        }
    }
}
