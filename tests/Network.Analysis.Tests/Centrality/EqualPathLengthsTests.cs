using Network.Analysis.Centrality;
using Network.Analysis.Graphs;

namespace Network.Analysis.Tests.Centrality;

/// <summary>
/// Mathematically equal weighted path lengths summed in different orders (1 + 1/6 + 1/6 against 1 + 1/3) are not equal
/// in floating point; every shortest path must still be counted.
/// </summary>
public class EqualPathLengthsTests
{
    [Fact]
    public void PathsOfEqualLengthAreAllCountedHoweverTheirLengthsWereSummed()
    {
        Assert.NotEqual(1.0 + 1.0 / 6 + 1.0 / 6, 1.0 + 1.0 / 3);
        // s –1– x1 –6– x2 –6– t and s –1– y1 –3– t (weights; lengths are 1/weight): both 4/3 long.
        string[] ids = ["s", "x1", "x2", "t", "y1"];
        (int, int, double)[] edges = [(0, 1, 1), (1, 2, 6), (2, 3, 6), (0, 4, 1), (4, 3, 3)];
        var graph = WeightedGraph.Create(ids, edges);

        var betweenness = ShortestPaths.Compute(graph).Betweenness;

        var exact = ExactBetweenness(ids.Length, edges);
        for (var v = 0; v < ids.Length; v++)
            Assert.Equal(exact[v], betweenness[v], 12);
        // The two routes from s to t share the pair equally: y1 carries half of it, as x1 and x2 do.
        Assert.True(betweenness[4] > 0);
    }

    [Theory]
    [InlineData(3)]      // ties within a small factor of each other: the pass keeps its nodes in buckets
    [InlineData(6000)]   // one tie 6,000 times stronger than another: in a heap
    public void EveryShortestPathIsCountedWhicheverWayThePassKeepsItsNodes(int strongest)
    {
        // Two squares sharing a side, a pendant and a chord, with equal-length alternatives: every route counted once.
        string[] ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
        (int, int, double)[] edges = [(0, 1, 2), (1, 2, 2), (2, 3, 1), (3, 0, 1), (1, 4, 1), (4, 5, 2), (5, 2, 2), (5, 6, strongest), (6, 7, 1), (0, 7, 3)];
        var betweenness = ShortestPaths.Compute(WeightedGraph.Create(ids, edges)).Betweenness;
        var exact = ExactBetweenness(ids.Length, edges);
        for (var v = 0; v < ids.Length; v++)
            Assert.Equal(exact[v], betweenness[v], 12);
    }

    [Fact]
    public void ATieShorterThanTheToleranceOfAPathIsNotTakenForAWayBack()
    {
        // a –1– b –10¹²– c –1– d: the b–c tie is 10⁻¹² long, within the tolerance of a path of length 1, so from a the
        // settled b would look like "another shortest way" to itself through c unless settled nodes are skipped.
        string[] ids = ["a", "b", "c", "d", "e"];
        (int, int, double)[] edges = [(0, 1, 1), (1, 2, 1e12), (2, 3, 1), (3, 4, 2)];
        var betweenness = ShortestPaths.Compute(WeightedGraph.Create(ids, edges)).Betweenness;
        // On a path every inner node lies on the routes between the nodes either side of it: b on 3 pairs, c on 4, d on 3,
        // of the (n − 1)(n − 2)/2 = 6 that count.
        Assert.Equal(new[] { 0, 3 / 6.0, 4 / 6.0, 3 / 6.0, 0 }.Select(b => Math.Round(b, 12)), betweenness.Select(b => Math.Round(b, 12)));
    }

    /// <summary>
    /// Betweenness by enumerating every simple path with lengths in exact integers (every 1/weight scaled by the least
    /// common multiple of the weights), normalised by (n−1)(n−2)/2 as the engine does.
    /// </summary>
    private static double[] ExactBetweenness(int n, (int U, int V, double W)[] edges)
    {
        var lcm = edges.Select(e => (long)e.W).Aggregate(1L, (a, b) => a / Gcd(a, b) * b);
        var adjacency = Enumerable.Range(0, n).Select(_ => new List<(int To, long Length)>()).ToArray();
        foreach (var (u, v, w) in edges)
        {
            adjacency[u].Add((v, lcm / (long)w));
            adjacency[v].Add((u, lcm / (long)w));
        }
        var result = new double[n];
        for (var s = 0; s < n; s++)
        {
            for (var t = s + 1; t < n; t++)
            {
                var paths = new List<(long Length, List<int> Nodes)>();
                void Walk(int at, long length, List<int> path)
                {
                    if (at == t)
                    {
                        paths.Add((length, [.. path]));
                        return;
                    }
                    foreach (var (to, step) in adjacency[at])
                    {
                        if (path.Contains(to))
                            continue;
                        path.Add(to);
                        Walk(to, length + step, path);
                        path.RemoveAt(path.Count - 1);
                    }
                }
                Walk(s, 0, [s]);
                var shortest = paths.Min(p => p.Length);
                var best = paths.Where(p => p.Length == shortest).ToList();
                for (var v = 0; v < n; v++)
                    if (v != s && v != t)
                        result[v] += best.Count(p => p.Nodes.Contains(v)) / (double)best.Count;
            }
        }
        return result.Select(x => x / ((n - 1) * (n - 2) / 2.0)).ToArray();
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
