using Network.Analysis.Graphs;

namespace Network.Analysis.Centrality;

/// <summary>
/// PageRank (Page, Brin, Motwani, Winograd 1999) on the undirected graph read as both directions, as NetworkX
/// <c>pagerank</c>: a walker follows a tie with probability proportional to its weight, teleports uniformly with
/// probability 1 − α (α = 0.85 by default), and the mass of nodes without ties is spread uniformly.
/// The scores sum to 1. Power iteration until the L1 change is below n·tolerance.
/// </summary>
public static class PageRank
{
    public static double[] Compute(WeightedGraph graph, double alpha = 0.85, double tolerance = 1e-15, int maxIterations = 10_000)
    {
        var n = graph.NodeCount;
        if (n == 0)
            return [];
        var strength = new double[n];
        for (var v = 0; v < n; v++)
            strength[v] = graph.Strength(v);

        var x = new double[n];
        var next = new double[n];
        Array.Fill(x, 1.0 / n);
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var weights = graph.Weights;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var dangling = 0.0;
            for (var v = 0; v < n; v++)
            {
                if (strength[v] == 0)
                    dangling += x[v];
            }
            var baseline = (alpha * dangling + (1 - alpha)) / n;
            for (var v = 0; v < n; v++)
            {
                var sum = 0.0;
                for (var e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    var u = targets[e];
                    sum += x[u] * weights[e] / strength[u];
                }
                next[v] = alpha * sum + baseline;
            }
            var change = 0.0;
            for (var v = 0; v < n; v++)
                change += Math.Abs(next[v] - x[v]);
            (x, next) = (next, x);
            if (change < n * tolerance)
                break;
        }
        return x;
    }
}
