using Network.Analysis.Centrality;
using Network.Analysis.Graphs;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Centrality;

/// <summary>Large graphs are renumbered breadth-first for the shortest-path passes; nothing a caller sees may change.</summary>
public class RenumberingTests
{
    private static WeightedGraph Weighted(WeightedGraph graph) =>
        WeightedGraph.Create(graph.Ids, graph.Edges().Select(e => (e.U, e.V, 1.0 + (e.U * 7 + e.V) % 4)));

    [Fact]
    public void ARenumberedGraphIsTheSameGraphUnderOtherNumbers()
    {
        var graph = Weighted(RandomGraphs.BarabasiAlbert(300, 3, 5));
        var order = graph.BreadthFirstOrder();
        Assert.Equal(Enumerable.Range(0, graph.NodeCount), order.Order());
        var renumbered = graph.Renumbered(order);
        Assert.Equal(graph.EdgeCount, renumbered.EdgeCount);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var u = renumbered.IndexOf(graph.Ids[v]);
            var before = graph.Neighbours(v).ToArray().Select((w, k) => (graph.Ids[w], graph.NeighbourWeights(v)[k])).Order();
            var after = renumbered.Neighbours(u).ToArray().Select((w, k) => (renumbered.Ids[w], renumbered.NeighbourWeights(u)[k])).Order();
            Assert.Equal(before, after);
        }
        // Breadth-first from the best-connected node: it comes first, its partners right after it.
        var hub = Enumerable.Range(0, graph.NodeCount).MaxBy(graph.Degree);
        Assert.Equal(hub, order[0]);
        Assert.Equal(graph.Neighbours(hub).ToArray().Order(), order[1..(1 + graph.Degree(hub))].Order());
    }

    [Fact]
    public void AnOrderThatIsNotAPermutationIsRefused()
    {
        var graph = RandomGraphs.BarabasiAlbert(10, 2, 1);
        Assert.Throws<ArgumentException>(() => graph.Renumbered([0, 0, 1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Throws<ArgumentException>(() => graph.Renumbered([0, 1]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RenumberingChangesNoResultExactOrSampled(bool weighted)
    {
        var graph = RandomGraphs.BarabasiAlbert(1500, 3, 11);
        if (weighted)
            graph = Weighted(graph);
        foreach (int? samples in new int?[] { null, 120 })
        {
            var plain = ShortestPaths.Compute(graph, samples, seed: 4, maxThreads: 0, renumber: false);
            var renumbered = ShortestPaths.Compute(graph, samples, seed: 4, maxThreads: 0, renumber: true);
            Assert.Equal(plain.Sources, renumbered.Sources);
            AssertClose(plain.Betweenness, renumbered.Betweenness);
            if (samples is null)
            {
                AssertClose(plain.Closeness!, renumbered.Closeness!);
                AssertClose(plain.Harmonic!, renumbered.Harmonic!);
            }
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var v = 0; v < expected.Length; v++)
            Assert.True(Math.Abs(expected[v] - actual[v]) <= 1e-12 * Math.Max(1, Math.Abs(expected[v])), $"node {v}: {expected[v]:R} against {actual[v]:R}");
    }
}
