using Network.Analysis.Graphs;

namespace Network.Analysis.Centrality;

/// <summary>
/// Eigenvector centrality (Bonacich 1972): the principal eigenvector of the weighted adjacency matrix, scaled to
/// unit Euclidean norm and non-negative, as NetworkX <c>eigenvector_centrality_numpy</c>. Computed by power
/// iteration on A + I (the shift keeps bipartite graphs from oscillating) from a uniform start; in a disconnected
/// graph the mass settles on the component with the largest eigenvalue. An edgeless graph gives 1/√n to every node.
/// </summary>
public static class Eigenvector
{
    public static double[] Compute(WeightedGraph graph, double tolerance = 1e-15, int maxIterations = 100_000)
    {
        var n = graph.NodeCount;
        if (n == 0)
            return [];
        var x = new double[n];
        var next = new double[n];
        Array.Fill(x, 1.0 / Math.Sqrt(n));
        if (graph.EdgeCount == 0)
            return x;
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var weights = graph.Weights;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var v = 0; v < n; v++)
            {
                var sum = x[v];
                for (var e = offsets[v]; e < offsets[v + 1]; e++)
                    sum += weights[e] * x[targets[e]];
                next[v] = sum;
            }
            var norm = 0.0;
            foreach (var value in next)
                norm += value * value;
            norm = Math.Sqrt(norm);
            var change = 0.0;
            for (var v = 0; v < n; v++)
            {
                next[v] /= norm;
                change += Math.Abs(next[v] - x[v]);
            }
            (x, next) = (next, x);
            if (change < n * tolerance)
                break;
        }
        return x;
    }
}
