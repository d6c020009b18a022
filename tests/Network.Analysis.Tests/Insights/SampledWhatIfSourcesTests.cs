using Network.Analysis.Centrality;
using Network.Analysis.Graphs;
using Network.Analysis.Insights;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Insights;

/// <summary>
/// Above 2,000 organisations a changed network is measured from 200 sampled sources; they must be the same
/// organisations as today's, wherever the change moved them in the node order, or the difference shown as the change is
/// sampling noise. The organisation that leaves here has no tie, so nothing may change but the count of pairs.
/// </summary>
public class SampledWhatIfSourcesTests
{
    [Fact]
    public void AnOrganisationWithoutTiesLeavingChangesNobodysBetweennessNorTheReachOfTheSources()
    {
        var ba = RandomGraphs.BarabasiAlbert(2600, 3, 7);
        const int seed = 42;
        var sources = ShortestPaths.Draw(2601, BetweennessAfterChange.Samples, seed).ToHashSet();
        // A node with no tie, placed early in the order (so every later node moves down one place when it leaves) and
        // not among the sources.
        var lone = Enumerable.Range(0, 50).First(v => !sources.Contains(v));
        var ids = Enumerable.Range(0, 2601).Select(i => $"org-{i}").ToList();
        int Shift(int v) => v >= lone ? v + 1 : v;
        var graph = WeightedGraph.Create(ids, ba.Edges().Select(e => (Shift(e.U), Shift(e.V), 1.0 + (e.U + e.V) % 3)));
        Assert.Equal(0, graph.Degree(lone));

        var measured = new BetweennessAfterChange(graph, null, seed);
        Assert.Equal(BetweennessAfterChange.Samples, measured.SampleSources);
        var changed = graph.WithoutNode(lone);
        var (after, efficiency) = measured.After(changed);

        // The same sources reach the same organisations at the same distances: only the pairs counted change, n − 1 to n − 2.
        var n = graph.NodeCount;
        Assert.Equal(measured.Efficiency * (n - 1.0) / (n - 2.0), efficiency, 12);
        // Betweenness: the same dependencies, scaled by n/((n − 1)(n − 2)) for n one smaller.
        var rescaled = (n - 1.0) / n * (n - 1.0) * (n - 2.0) / ((n - 2.0) * (n - 3.0));
        for (var v = 0; v < changed.NodeCount; v++)
        {
            var today = measured.Today[graph.IndexOf(changed.Ids[v])];
            Assert.True(Math.Abs(after[v] - today * rescaled) <= 1e-12 + 1e-9 * today, $"{changed.Ids[v]}: {today:R} today, {after[v]:R} after");
        }
    }

    [Fact]
    public void SourcesGivenAreThoseMeasured()
    {
        var graph = RandomGraphs.BarabasiAlbert(1500, 2, 3);
        var drawn = ShortestPaths.Draw(graph.NodeCount, 60, 9);
        var sampled = ShortestPaths.Compute(graph, 60, 9);
        var given = ShortestPaths.ComputeFrom(graph, drawn);
        Assert.Equal(sampled.Betweenness, given.Betweenness);
        Assert.Equal(sampled.HarmonicOfSources, given.HarmonicOfSources);
        Assert.Equal(60, given.Sources);
    }
}
