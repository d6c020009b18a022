using Network.Analysis.Graphs;

namespace Network.Analysis.Synthetic;

public static class RandomGraphs
{
    /// <summary>
    /// Barabási–Albert preferential attachment (Barabási &amp; Albert 1999): start from m isolated nodes; each new node
    /// ties to m distinct existing nodes chosen with probability proportional to degree (as NetworkX
    /// <c>barabasi_albert_graph</c>, though not its random stream). Unweighted, seeded.
    /// </summary>
    public static WeightedGraph BarabasiAlbert(int n, int m, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(n, m);
        var random = new Random(seed);
        var repeated = new List<int>(2 * n * m);
        var edges = new List<(int, int, double)>(n * m);
        var targets = Enumerable.Range(0, m).ToList();
        var chosen = new HashSet<int>();
        for (var source = m; source < n; source++)
        {
            foreach (var t in targets)
            {
                edges.Add((source, t, 1));
                repeated.Add(t);
                repeated.Add(source);
            }
            chosen.Clear();
            while (chosen.Count < m)
                chosen.Add(repeated[random.Next(repeated.Count)]);
            targets = [.. chosen];
        }
        return WeightedGraph.Create(Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), edges);
    }
}
