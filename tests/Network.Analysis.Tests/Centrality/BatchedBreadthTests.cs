using Network.Analysis.Centrality;
using Network.Analysis.Graphs;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Centrality;

/// <summary>
/// The passes that run eight sources at once (breadth-first, and in whole units of length for small whole strengths)
/// must give what the one-source pass gives, node for node, on graphs whose searches do not advance alike: long paths,
/// stars, several components, lone nodes, batches that are not full, sources sampled, ways of equal length summed
/// from different ties.
/// </summary>
public class BatchedBreadthTests
{
    private static WeightedGraph Graph(int n, IEnumerable<(int U, int V)> edges) =>
        WeightedGraph.Create(Enumerable.Range(0, n).Select(i => $"n{i}").ToList(), edges.Select(e => (e.U, e.V, 1.0)));

    public static TheoryData<string> Shapes => ["path", "cycle", "star", "grid", "two components and lone nodes", "complete", "ba", "sparse random"];

    private static WeightedGraph Shape(string name) => name switch
    {
        // 61 nodes: far more levels than lanes, and a batch of five at the end.
        "path" => Graph(61, Enumerable.Range(0, 60).Select(i => (i, i + 1))),
        "cycle" => Graph(40, Enumerable.Range(0, 40).Select(i => (i, (i + 1) % 40))),
        "star" => Graph(19, Enumerable.Range(1, 18).Select(i => (0, i))),
        "grid" => Graph(12 * 9, Enumerable.Range(0, 12 * 9).SelectMany(v => new[] { (v, v + 1), (v, v + 12) })
            .Where(e => e.Item2 < 12 * 9 && (e.Item2 != e.Item1 + 1 || e.Item2 % 12 != 0))),
        // Two components of different shape, then three nodes with no tie at all.
        "two components and lone nodes" => Graph(33, Enumerable.Range(0, 14).Select(i => (i, i + 1))
            .Concat(Enumerable.Range(16, 13).SelectMany(i => new[] { (15, i), (i, i + 1) }))),
        "complete" => Graph(13, Enumerable.Range(0, 13).SelectMany(u => Enumerable.Range(u + 1, 12 - u).Select(v => (u, v)))),
        "ba" => RandomGraphs.BarabasiAlbert(700, 3, 17),
        "sparse random" => SparseRandom(500, 520, 3),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static WeightedGraph SparseRandom(int n, int ties, int seed)
    {
        var random = new Random(seed);
        var edges = new HashSet<(int, int)>();
        while (edges.Count < ties)
        {
            var (u, v) = (random.Next(n), random.Next(n));
            if (u != v)
                edges.Add((Math.Min(u, v), Math.Max(u, v)));
        }
        return Graph(n, edges);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EightSourcesAtOnceGiveWhatOneAtATimeGives(string shape)
    {
        var graph = Shape(shape);
        AssertEightAsOne(graph);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SampledSourcesGiveTheSameEstimateWhateverTheThreads(int threads)
    {
        var graph = SparseRandom(900, 2000, 8);
        var one = ShortestPaths.Compute(graph, 101, 5, threads, renumber: true, batches: false);
        var eight = ShortestPaths.Compute(graph, 101, 5, threads, renumber: true, batches: true);
        Assert.Equal(101, eight.Sources);
        AssertClose(one.Betweenness, eight.Betweenness);
        AssertClose([one.HarmonicOfSources], [eight.HarmonicOfSources]);
        Assert.Equal(one.Efficiency, eight.Efficiency, 1e-12);
    }

    [Fact]
    public void ABatchIsReadyForTheNextOnceItHasRun()
    {
        // The same worker, run twice over the same sources, must leave nothing of the first run in the second.
        var graph = Shape("two components and lone nodes");
        var pass = new BatchedBreadth(graph);
        var (c1, h1, c2, h2) = (new double[8], new double[8], new double[8], new double[8]);
        int[] sources = [0, 3, 15, 20, 30, 31, 32, 7];
        double[] once = [1, 1, 1, 1, 1, 1, 1, 1];
        pass.Run(sources, once, c1, h1);
        var first = pass.TakePartial();
        pass.Run(sources, once, c2, h2);
        Assert.Equal(first, pass.TakePartial());
        Assert.Equal(c1, c2);
        Assert.Equal(h1, h2);
        // A lone node reaches nobody: no closeness, no harmonic centrality.
        Assert.Equal(0, c1[4]);
        Assert.Equal(0, h1[6]);
        // On the path 0–14, node 0 reaches 14 others at 1..14 hops.
        Assert.Equal(Enumerable.Range(1, 14).Sum(d => 1.0 / d), h1[0], 12);
    }

    /// <summary>Strengths 1 to 4 (lengths 12, 6, 4 and 3 twelfths), so that ways of one length are often summed differently.</summary>
    private static WeightedGraph Strengths(WeightedGraph graph, int seed, int most = 4)
    {
        var random = new Random(seed);
        return WeightedGraph.Create(graph.Ids, graph.Edges().Select(e => (e.U, e.V, (double)(random.Next(3) == 0 ? random.Next(1, most + 1) : 1))));
    }

    public static TheoryData<string> WeightedShapes => ["path", "grid", "two components and lone nodes", "ba", "sparse random", "diamonds"];

    [Theory]
    [MemberData(nameof(WeightedShapes))]
    public void EightWeightedSourcesAtOnceGiveWhatOneAtATimeGives(string shape)
    {
        // A path of 61 ties reaches 61 × 12 units, far past the 64 buckets kept ahead: they are used round and round.
        var graph = shape == "diamonds"
            // Ways of equal length summed from different ties: 0–1–3 (1/2 + 1/2) against 0–3 (1), 3–4–5 (1/4 + 1/4)
            // against 3–5 (1/2); and a triangle 6–7–8 of strength 3, whose ties are shorter than the ways round.
            ? WeightedGraph.Create(Enumerable.Range(0, 9).Select(i => $"n{i}").ToList(),
                [(0, 1, 2), (1, 3, 2), (0, 3, 1), (3, 4, 4), (4, 5, 4), (3, 5, 2), (5, 6, 1), (6, 7, 3), (7, 8, 3), (6, 8, 3), (2, 8, 1), (0, 2, 1)])
            : Strengths(Shape(shape), 9);
        Assert.False(graph.IsUnweighted);
        AssertEightAsOne(graph);
        var sampledOne = ShortestPaths.Compute(graph, 13, 2, 0, renumber: true, batches: false, twins: false);
        var sampledEight = ShortestPaths.Compute(graph, 13, 2, 0, renumber: true, batches: true, twins: false);
        AssertClose(sampledOne.Betweenness, sampledEight.Betweenness);
    }

    [Fact]
    public void OnlySmallWholeStrengthsAreCountedInUnits()
    {
        var ba = RandomGraphs.BarabasiAlbert(60, 2, 1);
        Assert.NotNull(BatchedDial.For(Strengths(ba, 1)));
        // 1 to 9: their least common multiple, 2,520 units, is too long a tie for the buckets.
        Assert.Null(BatchedDial.For(Strengths(ba, 1, most: 9)));
        Assert.Null(BatchedDial.For(WeightedGraph.Create(ba.Ids, ba.Edges().Select(e => (e.U, e.V, e.U % 2 == 0 ? 1.5 : 1.0)))));
        // Still the same results where the one-source pass has to do: the choice is the pass's, not the caller's.
        var wide = Strengths(ba, 1, most: 9);
        AssertClose(ShortestPaths.Compute(wide, null, 0, 0, false, batches: false).Betweenness, ShortestPaths.Compute(wide, null, 0, 0, false, batches: true).Betweenness);
    }

    /// <summary>Exact passes, renumbered or not: eight sources at once give what one at a time gives.</summary>
    private static void AssertEightAsOne(WeightedGraph graph)
    {
        foreach (var renumber in new[] { false, true })
        {
            var one = ShortestPaths.Compute(graph, null, 0, 0, renumber, batches: false, twins: false);
            var eight = ShortestPaths.Compute(graph, null, 0, 0, renumber, batches: true, twins: false);
            AssertClose(one.Betweenness, eight.Betweenness);
            AssertClose(one.Closeness!, eight.Closeness!);
            AssertClose(one.Harmonic!, eight.Harmonic!);
            AssertClose([one.HarmonicOfSources], [eight.HarmonicOfSources]);
            Assert.Equal(one.Sources, eight.Sources);
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var v = 0; v < expected.Length; v++)
            Assert.True(Math.Abs(expected[v] - actual[v]) <= 1e-12 * Math.Max(1, Math.Abs(expected[v])), $"node {v}: {expected[v]:R} against {actual[v]:R}");
    }
}
