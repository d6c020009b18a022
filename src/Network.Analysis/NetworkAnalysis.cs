using Network.Analysis.Brokerage;
using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Graphs;
using Network.Analysis.Structure;

namespace Network.Analysis;

/// <summary>Names of the metrics that can be asked for; "all" by default.</summary>
public static class Metrics
{
    public const string Degree = "degree", Strength = "strength", Betweenness = "betweenness", Closeness = "closeness",
        Harmonic = "harmonic", PageRank = "pagerank", Eigenvector = "eigenvector", Constraint = "constraint",
        EffectiveSize = "effectiveSize", Efficiency = "efficiency", Hierarchy = "hierarchy", CoreNumber = "coreNumber",
        Community = "community", Brokerage = "brokerage";

    public static readonly IReadOnlyList<string> All =
        [Degree, Strength, Betweenness, Closeness, Harmonic, PageRank, Eigenvector, Constraint, EffectiveSize, Efficiency, Hierarchy, CoreNumber, Community, Brokerage];

    public static IReadOnlySet<string> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list) || list.Trim() == "all")
            return All.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var asked = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = asked.Where(m => !All.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown metric '{unknown[0]}'; known metrics: {string.Join(", ", All)}.");
        return asked.Select(m => All.First(a => a.Equals(m, StringComparison.OrdinalIgnoreCase))).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}

public sealed record AnalysisOptions
{
    public IReadOnlySet<string> Metrics { get; init; } = Analysis.Metrics.All.ToHashSet();

    /// <summary>Group index per node for brokerage roles; brokerage is skipped without it.</summary>
    public IReadOnlyList<int>? Groups { get; init; }

    public int Seed { get; init; }

    public double Resolution { get; init; } = 1.0;

    public string CommunityAlgorithm { get; init; } = "leiden";

    /// <summary>
    /// Above this many nodes betweenness is estimated from drawn shortest paths within ±<see cref="Epsilon"/>
    /// (<see cref="SampledBetweenness"/>), and closeness and harmonic centrality are skipped unless asked for by name.
    /// </summary>
    public int ExactLimit { get; init; } = DefaultExactLimit;

    /// <summary>The default of <see cref="ExactLimit"/>, which the broker rankings and the large-network pages share.</summary>
    public const int DefaultExactLimit = 20_000;

    /// <summary>The largest error of an estimated betweenness (normalised), with probability 1 − <see cref="Delta"/>.</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>The default of <see cref="Epsilon"/>.</summary>
    public const double DefaultEpsilon = 0.01;

    public double Delta { get; init; } = 0.1;
}

/// <summary>Every metric of one graph, each array in the graph's node order (null = not computed).</summary>
public sealed record AnalysisResult(
    WeightedGraph Graph,
    double[]? Betweenness,
    bool BetweennessSampled,
    double[]? Closeness,
    double[]? Harmonic,
    double[]? PageRank,
    double[]? Eigenvector,
    StructuralHoleMeasures? StructuralHoles,
    int[]? CoreNumbers,
    CommunityResult? Communities,
    BrokerageRoles[]? Brokerage,
    int[] Components,
    int[] ArticulationPoints,
    (int U, int V)[] Bridges)
{
    /// <summary>When betweenness was estimated: its guarantee (every value within ±ε with probability 1 − δ).</summary>
    public BetweennessEstimate? BetweennessMargin { get; init; }
}

/// <summary>Runs the metrics asked for on one graph. Pure: the same graph, options and seed give the same result.</summary>
public static class NetworkAnalysis
{
    public static AnalysisResult Run(WeightedGraph graph, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var m = options.Metrics;
        var large = graph.NodeCount > options.ExactLimit;
        ShortestPathCentralities? paths = null;
        BetweennessEstimate? estimate = null;
        var wantsPaths = m.Contains(Metrics.Betweenness) || m.Contains(Metrics.Closeness) || m.Contains(Metrics.Harmonic);
        if (wantsPaths)
        {
            var askedForDistances = options.Metrics.Count < Metrics.All.Count && (m.Contains(Metrics.Closeness) || m.Contains(Metrics.Harmonic));
            if (large && !askedForDistances)
            {
                estimate = SampledBetweenness.Estimate(graph, options.Epsilon, options.Delta, options.Seed);
                paths = new ShortestPathCentralities(estimate.Betweenness, null, null, 0, 0);
            }
            else
            {
                paths = ShortestPaths.Compute(graph, null, options.Seed);
            }
        }
        var holes = m.Overlaps([Metrics.Constraint, Metrics.EffectiveSize, Metrics.Efficiency, Metrics.Hierarchy]) ? StructuralHoles.Compute(graph) : null;
        CommunityResult? communities = null;
        if (m.Contains(Metrics.Community))
        {
            communities = options.CommunityAlgorithm switch
            {
                "leiden" => Leiden.Detect(graph, options.Resolution, options.Seed),
                "louvain" => Louvain.Detect(graph, options.Resolution, options.Seed),
                "label-propagation" => LabelPropagation.Detect(graph, options.Seed),
                var other => throw new ArgumentException($"Unknown community algorithm '{other}'; use leiden, louvain or label-propagation."),
            };
        }
        var (points, bridges) = Connectivity.CutPointsAndBridges(graph);
        return new AnalysisResult(
            graph,
            m.Contains(Metrics.Betweenness) ? paths!.Betweenness : null,
            estimate is not null,
            m.Contains(Metrics.Closeness) ? paths!.Closeness : null,
            m.Contains(Metrics.Harmonic) ? paths!.Harmonic : null,
            m.Contains(Metrics.PageRank) ? PageRank.Compute(graph) : null,
            m.Contains(Metrics.Eigenvector) ? Eigenvector.Compute(graph) : null,
            holes,
            m.Contains(Metrics.CoreNumber) ? Connectivity.CoreNumbers(graph) : null,
            communities,
            m.Contains(Metrics.Brokerage) && options.Groups is { } groups ? GouldFernandez.Compute(graph, groups) : null,
            Connectivity.Components(graph),
            points,
            bridges) { BetweennessMargin = estimate };
    }
}
