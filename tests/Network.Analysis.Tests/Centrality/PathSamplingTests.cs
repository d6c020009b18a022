using Network.Analysis.Centrality;
using Network.Analysis.Graphs;
using Network.Analysis.Structure;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Centrality;

/// <summary>Betweenness from drawn shortest paths (Riondato–Kornaropoulos) against the exact values of the same graphs.</summary>
public class PathSamplingTests
{
    /// <summary>A Barabási–Albert graph with ties of a few strengths (so weighted paths tie and differ), and a small separate part.</summary>
    private static WeightedGraph Weighted(int n, int seed)
    {
        var ba = RandomGraphs.BarabasiAlbert(n, 3, seed);
        var ids = ba.Ids.Concat(["x", "y", "z"]).ToList();
        var edges = ba.Edges().Select(e => (e.U, e.V, 1.0 + (e.U * 7 + e.V) % 3)).Concat([(n, n + 1, 1.0), (n + 1, n + 2, 2.0)]);
        return WeightedGraph.Create(ids, edges);
    }

    /// <summary>The largest estimate of Weighted(400, 9) with ε = 0.02 and seed 11, as first measured.</summary>
    private const double ExpectedTop = 0.18456872161517765;

    public static TheoryData<bool> Weights => new() { false, true };

    [Theory]
    [MemberData(nameof(Weights))]
    public void EveryEstimateIsWithinItsStatedErrorOfTheExactValue(bool weighted)
    {
        var graph = weighted ? Weighted(1500, 4) : RandomGraphs.BarabasiAlbert(1500, 3, 4);
        var exact = ShortestPaths.Compute(graph).Betweenness;
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var estimate = SampledBetweenness.Estimate(graph, epsilon: 0.01, delta: 0.1, seed: seed);
            var worst = exact.Zip(estimate.Betweenness, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= estimate.Epsilon, $"seed {seed}: an estimate is {worst:F4} off, more than ±{estimate.Epsilon:F4}");
            // Not trivially close: the broker with the most betweenness is estimated within 10 %.
            var top = Enumerable.Range(0, exact.Length).MaxBy(v => exact[v]);
            Assert.InRange(estimate.Betweenness[top] / exact[top], 0.9, 1.1);
        }
    }

    [Fact]
    public void TheTwoShortestWaysRoundASquareAreDrawnEquallyOften()
    {
        // s–a–t and s–b–t: a and b each carry half of the s–t paths; the chord-free square has no other inner nodes.
        var graph = WeightedGraph.FromEdges(["s", "a", "t", "b"], [("s", "a", 1), ("a", "t", 1), ("t", "b", 1), ("b", "s", 1)]);
        var exact = ShortestPaths.Compute(graph).Betweenness;
        var estimate = SampledBetweenness.Estimate(graph, epsilon: 0.01, seed: 5).Betweenness;
        Assert.All(Enumerable.Range(0, 4), v => Assert.Equal(exact[v], estimate[v], 0.02));
        Assert.Equal(1.0 / 6, exact[1], 12);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEstimateOnOneThreadOrMany()
    {
        var graph = Weighted(400, 9);
        var one = SampledBetweenness.Estimate(graph, 0.02, seed: 11, maxThreads: 1);
        var many = SampledBetweenness.Estimate(graph, 0.02, seed: 11, maxThreads: 4);
        Assert.Equal(one.Betweenness, many.Betweenness);
        Assert.NotEqual(one.Betweenness, SampledBetweenness.Estimate(graph, 0.02, seed: 12).Betweenness);
        // The same in every process (a value measured once, in another process): the random streams are not salted.
        Assert.Equal(0.0, SampledBetweenness.Estimate(graph, 0.02, seed: 11).Betweenness[graph.IndexOf("z")]);
        Assert.Equal(ExpectedTop, one.Betweenness.Max(), 12);
    }

    [Fact]
    public void TheNumberOfPathsFollowsTheBound()
    {
        // (0.5 / 0.01²) · (⌊log₂ 8⌋ + 1 + ln 10) = 5,000 · 6.3026
        Assert.Equal(31_513, SampledBetweenness.SamplesFor(10, 0.01, 0.1));
        // Paths of at most two nodes have no inner nodes: only the ln(1/δ) term is left.
        Assert.Equal(11_513, SampledBetweenness.SamplesFor(2, 0.01, 0.1));
        Assert.True(SampledBetweenness.SamplesFor(100_000, 0.01, 0.1) < 3 * SampledBetweenness.SamplesFor(100, 0.01, 0.1));
    }

    [Theory]
    [MemberData(nameof(Weights))]
    public void TheVertexDiameterBoundHoldsAndIsNoMoreThanTheLargestPart(bool weighted)
    {
        // A path of 12 nodes (the longest shortest path: all 12) and a triangle apart.
        var ids = Enumerable.Range(0, 15).Select(i => $"n{i}").ToList();
        var edges = Enumerable.Range(0, 11).Select(i => (i, i + 1, weighted ? 1.0 + i % 2 : 1.0)).Concat([(12, 13, 1.0), (13, 14, 1.0), (14, 12, 1.0)]);
        var graph = WeightedGraph.Create(ids, edges);
        var lengths = graph.Weights.Select(w => 1 / w).ToArray();
        Assert.Equal(12, SampledBetweenness.VertexDiameterBound(graph, Connectivity.Components(graph), lengths));

        var ba = RandomGraphs.BarabasiAlbert(3000, 2, 1);
        var bound = SampledBetweenness.VertexDiameterBound(ba, Connectivity.Components(ba), Enumerable.Repeat(1.0, ba.Targets.Length).ToArray());
        var search = ShortestPaths.DistanceSearches(ba)();
        var diameter = Enumerable.Range(0, 200).Select(v => search.From(v * 15).Max()).Max();
        Assert.InRange(bound, diameter + 1, 3000);
    }

    [Fact]
    public void AboveTheExactLimitTheAnalysisEstimatesAndSaysWithinWhat()
    {
        var graph = Weighted(600, 2);
        var exact = NetworkAnalysis.Run(graph, new AnalysisOptions { Metrics = new HashSet<string> { Metrics.Betweenness } });
        Assert.Null(exact.BetweennessMargin);
        Assert.False(exact.BetweennessSampled);
        var estimated = NetworkAnalysis.Run(graph, new AnalysisOptions { Metrics = new HashSet<string> { Metrics.Betweenness }, ExactLimit = 500, Epsilon = 0.02 });
        Assert.True(estimated.BetweennessSampled);
        var margin = estimated.BetweennessMargin!;
        Assert.Equal("±0.020", margin.Margin);
        Assert.StartsWith($"estimated from {margin.Samples:N0} shortest paths drawn at random: every value within ±0.020", margin.Describe(), StringComparison.Ordinal);
        Assert.All(exact.Betweenness!.Zip(estimated.Betweenness!), p => Assert.InRange(p.Second, p.First - margin.Epsilon, p.First + margin.Epsilon));
    }
}
