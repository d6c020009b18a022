using Network.Analysis.Centrality;
using Network.Analysis.Graphs;

namespace Network.Analysis.Insights;

/// <summary>
/// Betweenness of changed copies of one network (an actor gone, a tie added), measured so that it compares with today's
/// value as every page shows it. Small networks: computed exactly on both sides. Above <see cref="SampleAbove"/>
/// organisations the changed network is estimated from the same <see cref="Samples"/> organisations as sources (drawn once
/// with the seed from today's, found by id in the changed one) as a sampled run on today's, and reported as today's
/// value plus the change those sources see: the sampling error of both sides largely cancels in the difference (common
/// random numbers), and an unchanged organisation keeps today's value.
/// </summary>
public sealed class BetweennessAfterChange
{
    public const int SampleAbove = 2000, Samples = 200;

    private readonly Lazy<ShortestPathCentralities> _sampledToday;
    // The sampled sources, in today's graph (null: every node).
    private readonly int[]? _sources;

    /// <param name="today">Betweenness of <paramref name="graph"/> as the metrics have it; computed here when null.</param>
    public BetweennessAfterChange(WeightedGraph graph, double[]? today, int seed)
    {
        Graph = graph;
        Seed = seed;
        SampleSources = graph.NodeCount > SampleAbove ? Samples : null;
        // Today's pass over the sources a changed network is measured from: its betweenness is what the change is
        // measured against, its harmonic sums today's efficiency. Not needed before the first change unless asked.
        _sources = SampleSources is { } k ? ShortestPaths.Draw(graph.NodeCount, k, seed) : null;
        _sampledToday = new(() => _sources is null ? ShortestPaths.Compute(graph, null, seed) : ShortestPaths.ComputeFrom(graph, _sources));
        Today = today ?? _sampledToday.Value.Betweenness;
    }

    public WeightedGraph Graph { get; }
    public int Seed { get; }

    /// <summary>How many sources a changed network is measured from (null: all).</summary>
    public int? SampleSources { get; }

    /// <summary>Today's betweenness, in <see cref="Graph"/>'s node order.</summary>
    public double[] Today { get; }

    /// <summary>Today's global efficiency, from the same sources as a changed network's.</summary>
    public double Efficiency => _sampledToday.Value.Efficiency;

    /// <summary>The betweenness of <paramref name="changed"/>, in its node order, and its efficiency: one pass for both.</summary>
    public (double[] Betweenness, double Efficiency) After(WeightedGraph changed)
    {
        if (_sources is null)
        {
            var exact = ShortestPaths.Compute(changed, null, Seed);
            return (exact.Betweenness, exact.Efficiency);
        }
        // The same organisations as today's sources, wherever they are in the changed network; one that left is left out.
        var computed = ShortestPaths.ComputeFrom(changed, _sources.Select(i => changed.IndexOf(Graph.Ids[i])).Where(i => i >= 0).ToArray());
        var sampledToday = _sampledToday.Value.Betweenness;
        var betweenness = new double[changed.NodeCount];
        for (var v = 0; v < betweenness.Length; v++)
        {
            betweenness[v] = Graph.IndexOf(changed.Ids[v]) is var i and >= 0
                ? Math.Max(0, Today[i] + computed.Betweenness[v] - sampledToday[i]) : computed.Betweenness[v];
        }
        return (betweenness, computed.Efficiency);
    }
}
