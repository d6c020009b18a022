using Network.Analysis.Centrality;
using Network.Analysis.Tests.Reference;

namespace Network.Analysis.Tests.Centrality;

public class SampledBetweennessTests
{
    [Fact]
    public void SamplingEveryNodeIsTheExactValue()
    {
        var graph = ReferenceGraph.Load("lesmis").Graph;
        var exact = ShortestPaths.Compute(graph).Betweenness;
        var all = ShortestPaths.Compute(graph, samples: graph.NodeCount, seed: 3).Betweenness;
        Assert.Equal(exact, all);
    }

    [Fact]
    public void RepeatedRunsAgreeBitForBitWhateverTheThreadsDo()
    {
        var graph = ReferenceGraph.Load("lesmis").Graph;
        var first = ShortestPaths.Compute(graph).Betweenness;
        for (var run = 0; run < 20; run++)
            Assert.Equal(first, ShortestPaths.Compute(graph).Betweenness);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEstimateAndAnotherSeedAnother()
    {
        var graph = ReferenceGraph.Load("planted").Graph;
        var first = ShortestPaths.Compute(graph, samples: 20, seed: 1);
        Assert.Equal(20, first.Sources);
        Assert.Null(first.Closeness);
        Assert.Equal(first.Betweenness, ShortestPaths.Compute(graph, samples: 20, seed: 1).Betweenness);
        Assert.NotEqual(first.Betweenness, ShortestPaths.Compute(graph, samples: 20, seed: 2).Betweenness);
    }

    [Fact]
    public void HalfTheSourcesEstimateTheExactValuesClosely()
    {
        var graph = ReferenceGraph.Load("planted").Graph;
        var exact = ShortestPaths.Compute(graph).Betweenness;
        var sampled = ShortestPaths.Compute(graph, samples: graph.NodeCount / 2, seed: 7).Betweenness;
        // The estimator is unbiased (scaled by n/k); on this graph half the pivots keep the total within a few percent.
        Assert.InRange(sampled.Sum() / exact.Sum(), 0.9, 1.1);
    }
}
