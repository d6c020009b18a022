using Network.Analysis.Graphs;

namespace Network.Analysis.Layout;

/// <summary>Node positions in the unit square [0, 1]².</summary>
public sealed record Positions(double[] X, double[] Y);

/// <summary>
/// A ForceAtlas2-style layout (Jacomy, Venturini, Heymann &amp; Bastian 2014): degree-weighted repulsion
/// k_r (deg u + 1)(deg v + 1) / d between every pair, attraction w · d along ties, gravity towards the centre
/// g (deg + 1) · distance (ForceAtlas2's strong gravity, so separate components stay near each other), with per-node speeds damped by swinging. Seeded and deterministic; starting from
/// previous positions (<paramref name="start"/>) it continues incrementally, so an edit moves the picture a little,
/// not all of it. O(n²) per iteration: meant for views of up to a few thousand nodes (larger graphs are filtered first).
/// </summary>
public static class ForceLayout
{
    public static Positions Compute(WeightedGraph graph, int seed = 42, int iterations = 300, Positions? start = null)
    {
        var n = graph.NodeCount;
        var random = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        for (var v = 0; v < n; v++)
        {
            if (start is not null && v < start.X.Length)
                (x[v], y[v]) = ((start.X[v] - 0.5) * 100, (start.Y[v] - 0.5) * 100);
            else
                (x[v], y[v]) = (random.NextDouble() * 100 - 50, random.NextDouble() * 100 - 50);
        }
        if (n == 0)
            return new Positions(x, y);

        var mass = Enumerable.Range(0, n).Select(v => graph.Degree(v) + 1.0).ToArray();
        const double repulsion = 20.0, gravity = 0.05, attractionScale = 1.0;
        var (fx, fy) = (new double[n], new double[n]);
        var (px, py) = (new double[n], new double[n]);
        var temperature = 1.0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(fx);
            Array.Clear(fy);
            for (var u = 0; u < n; u++)
            {
                for (var v = u + 1; v < n; v++)
                {
                    var (dx, dy) = (x[u] - x[v], y[u] - y[v]);
                    var d2 = dx * dx + dy * dy + 0.01;
                    var f = repulsion * mass[u] * mass[v] / d2;
                    (fx[u], fy[u]) = (fx[u] + dx * f, fy[u] + dy * f);
                    (fx[v], fy[v]) = (fx[v] - dx * f, fy[v] - dy * f);
                }
                var neighbours = graph.Neighbours(u);
                var weights = graph.NeighbourWeights(u);
                for (var i = 0; i < neighbours.Length; i++)
                {
                    var v = neighbours[i];
                    var (dx, dy) = (x[v] - x[u], y[v] - y[u]);
                    var attraction = attractionScale * Math.Log(1 + weights[i]);
                    (fx[u], fy[u]) = (fx[u] + dx * attraction, fy[u] + dy * attraction);
                }
                // Strong gravity (pull grows with distance) keeps separate components and isolates near the rest.
                (fx[u], fy[u]) = (fx[u] - gravity * mass[u] * x[u], fy[u] - gravity * mass[u] * y[u]);
            }
            for (var u = 0; u < n; u++)
            {
                // Swinging: a node whose force flips direction slows down.
                var swing = Math.Sqrt((fx[u] - px[u]) * (fx[u] - px[u]) + (fy[u] - py[u]) * (fy[u] - py[u]));
                var speed = temperature / (1 + Math.Sqrt(swing) * 0.1) / mass[u];
                var step = Math.Sqrt(fx[u] * fx[u] + fy[u] * fy[u]);
                var limit = 10.0 * temperature;
                var scale = step * speed > limit ? limit / step : speed;
                (x[u], y[u]) = (x[u] + fx[u] * scale, y[u] + fy[u] * scale);
                (px[u], py[u]) = (fx[u], fy[u]);
            }
            temperature = Math.Max(0.05, temperature * 0.985);
        }
        return Normalise(x, y);
    }

    private static Positions Normalise(double[] x, double[] y)
    {
        var (minX, maxX, minY, maxY) = (x.Min(), x.Max(), y.Min(), y.Max());
        var span = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-9);
        // Keep the aspect ratio; centre in the unit square.
        var (offsetX, offsetY) = ((span - (maxX - minX)) / 2, (span - (maxY - minY)) / 2);
        return new Positions(
            x.Select(v => (v - minX + offsetX) / span).ToArray(),
            y.Select(v => (v - minY + offsetY) / span).ToArray());
    }
}
