using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Network.Analysis;
using Network.Analysis.Community;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.ValueChain;
using Network.Api.Datasets;
using Network.Api.Hubs;

namespace Network.Api.Analysis;

/// <summary>Everything computed for one dataset at one data version and date; each part computed once, on first use.</summary>
public sealed class AnalysisSnapshot
{
    private readonly Lazy<ActorNetwork> _actors;
    private readonly Lazy<AnalysisResult> _metrics;
    private readonly Lazy<IReadOnlyList<BrokerProfile>> _brokers;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SectorChain>> _chains = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<Introduction>> _introductions = new();
    private readonly ConcurrentDictionary<string, Lazy<WhatIfReport>> _whatIf = new();
    private readonly Lazy<StabilityReport> _actorStability;
    private readonly Lazy<StabilityReport> _communityStability;
    private readonly Lazy<IReadOnlyList<SinglePointOfFailure>> _fragility;
    private readonly Lazy<string> _homeRegion;
    private readonly Lazy<EcosystemReport> _report;
    private readonly Lazy<CommunityResult> _communities;
    private readonly Lazy<int[]> _components;
    private readonly int _seed;
    private readonly Lazy<IReadOnlyDictionary<string, Node>> _nodesById;
    private readonly Lazy<Network.Analysis.Graphs.PropertyGraph> _propertyGraph;

    public AnalysisSnapshot(NetworkGraph graph, DateOnly? asOf, int seed)
    {
        Graph = graph;
        AsOf = asOf;
        _actors = new(() => ActorNetwork.Build(graph, asOf));
        _metrics = new(() =>
        {
            var network = Actors.Organisations;
            var kinds = network.Organisations.Select(o => o.Kind).ToList();
            var index = kinds.Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            return NetworkAnalysis.Run(network.Graph, new AnalysisOptions { Seed = seed, Groups = kinds.Select(k => index[k]).ToArray() });
        });
        var names = graph.OfType<Sector>().ToDictionary(s => s.Id, s => s.Name);
        _brokers = new(() => BrokerProfiles.Compute(Actors, seed, names,
            Actors.Graph.SameAs(Organisations.Graph) && Actors.Graph.NodeCount <= BrokerProfiles.SampledAbove ? Metrics.Betweenness : null));
        _actorStability = new(() => Stability.Assess(Actors.Graph, Leiden.Detect(Actors.Graph, seed: seed).Community, seed: seed));
        _communityStability = new(() => Stability.Assess(Organisations.Graph, Communities.Community, seed: seed));
        _fragility = new(() => Fragility.SinglePointsOfFailure(Actors, 50));
        _homeRegion = new(() => Gaps.DefaultHomeRegion(graph));
        _communities = new(() => Leiden.Detect(Organisations.Graph, seed: seed));
        _components = new(() => Network.Analysis.Structure.Connectivity.Components(Organisations.Graph));
        _report = new(() => EcosystemReports.Build(graph, new ReportOptions { AsOf = asOf, Seed = seed }, ReportInputs()));
        _seed = seed;
        _nodesById = new(() => graph.NodesById());
        _propertyGraph = new(() => new Network.Analysis.Graphs.PropertyGraph(graph));
    }

    public NetworkGraph Graph { get; }
    public DateOnly? AsOf { get; }
    public long Version => Graph.Version;
    public ActorNetwork Actors => _actors.Value;
    public OrganisationNetwork Organisations => Actors.Organisations;

    /// <summary>All metrics of the organisation network; brokerage roles use organisation kind as the group.</summary>
    public AnalysisResult Metrics => _metrics.Value;

    public IReadOnlyList<BrokerProfile> Brokers => _brokers.Value;

    /// <summary>The region most members sit in: the home region when none is chosen.</summary>
    public string DefaultHomeRegion => _homeRegion.Value;

    /// <summary>Leiden consensus over seeds and resolutions on the actor network (organisations and people): brokers' stability.</summary>
    public StabilityReport ActorStability => _actorStability.Value;

    /// <summary>Leiden consensus on the organisation network, for the communities of <see cref="Metrics"/>.</summary>
    public StabilityReport CommunityStability => _communityStability.Value;

    /// <summary>The 50 actors whose departure cuts most organisation pairs apart, worst first.</summary>
    public IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure => _fragility.Value;

    /// <summary>
    /// Leiden communities of the organisation network — the same as <see cref="Metrics"/>' (same seed and resolution),
    /// without computing every other metric first: the pages that only need communities stay fast on a cold start.
    /// </summary>
    public CommunityResult Communities => _communities.Value;

    /// <summary>The connected part each organisation is in.</summary>
    public int[] Components => _components.Value;

    /// <summary>The board report of this version and date (default home region, no comparison).</summary>
    public EcosystemReport Report => _report.Value;

    public IReadOnlyList<SectorChain> Chains(IReadOnlyCollection<string>? home) =>
        _chains.GetOrAdd(Key(home), _ => Gaps.Analyse(Graph, Organisations, Region(home)));

    public IReadOnlyList<Introduction> Introductions(IReadOnlyCollection<string>? home) =>
        _introductions.GetOrAdd(Key(home), _ => Network.Analysis.ValueChain.Introductions.Suggest(Chains(home), Organisations));

    /// <summary>What is lost if the actor leaves; computed once per actor and region for this version and date.</summary>
    public WhatIfReport WhatIf(string id, IReadOnlyCollection<string>? home = null)
    {
        // Only ids that exist are cached, so unknown ids cannot fill the cache.
        if (!NodesById.ContainsKey(id))
            throw new KeyNotFoundException($"No organisation, person or agreement with id '{id}'.");
        return _whatIf.GetOrAdd(id + "\n" + Key(home), _ => new Lazy<WhatIfReport>(() => Heavy(() => Fragility.WhatIf(WhatIfBaseline(home), id)))).Value;
    }

    /// <summary>Today's side of every what-if, once per region for this version and date.</summary>
    public WhatIfBaseline WhatIfBaseline(IReadOnlyCollection<string>? home = null) =>
        Cached("whatif-baseline\n" + Key(home), () => Network.Analysis.Insights.WhatIfBaseline.Of(Graph, Organisations, _seed, Region(home)));

    /// <summary>Today and a proposed change side by side (an actor removed, a partnership added), once per key for this version.</summary>
    public ScenarioComparison Scenario(string key, Func<NetworkGraph> change, IReadOnlyCollection<string>? home = null) =>
        Cached("scenario\n" + key + "\n" + Key(home), () => Heavy(() => Network.Analysis.Insights.Scenario.Compare(
            Cached("today\n" + Key(home), () => Network.Analysis.Insights.Scenario.Today(Graph, AsOf, Region(home), _seed)), change(), AsOf, Region(home), _seed)));

    /// <summary>What changed between two dates, once per pair of dates for this version.</summary>
    public ChangeBetweenDates Compare(DateOnly from, DateOnly to, IReadOnlyCollection<string>? home = null) =>
        Cached($"compare\n{from:yyyy-MM-dd}\n{to:yyyy-MM-dd}\n{Key(home)}", () => EcosystemReports.Compare(Graph, from, to, Region(home), _seed));

    /// <summary>The board report of this version and date with a comparison to an earlier date.</summary>
    public EcosystemReport ReportComparedWith(DateOnly from) =>
        Cached($"report\n{from:yyyy-MM-dd}", () => EcosystemReports.Build(Graph, new ReportOptions { AsOf = AsOf, Seed = _seed, CompareWith = from }, ReportInputs()));

    /// <summary>What this snapshot has computed already, for the report.</summary>
    private ReportInputs ReportInputs() => new(Actors, Brokers, Communities, () => ActorStability, () => CommunityStability,
        Chains(null), Introductions(null), SinglePointsOfFailure);

    /// <summary>
    /// A result computed once per key for this version (also by pages: where the map places the cities). At most
    /// <see cref="MaxCached"/> are kept (the cache is emptied when full), so that requests for many different keys
    /// cannot fill the server's memory.
    /// </summary>
    public T Cached<T>(string key, Func<T> compute) where T : class
    {
        if (_cached.Count >= MaxCached)
            _cached.Clear();
        return (T)_cached.GetOrAdd(key, _ => new Lazy<object>(() => compute())).Value;
    }

    public const int MaxCached = 64;

    /// <summary>At most this many what-ifs and scenarios are computed at once (each projects a changed copy of the data).</summary>
    public const int MaxHeavyAtOnce = 2;
    private static readonly SemaphoreSlim HeavyGate = new(MaxHeavyAtOnce, MaxHeavyAtOnce);

    private static T Heavy<T>(Func<T> compute)
    {
        HeavyGate.Wait();
        try
        {
            return compute();
        }
        finally
        {
            HeavyGate.Release();
        }
    }
    private readonly ConcurrentDictionary<string, Lazy<object>> _cached = new();

    /// <summary>Every node by id, built once.</summary>
    public IReadOnlyDictionary<string, Node> NodesById => _nodesById.Value;

    /// <summary>The whole multi-mode graph for traversals (neighbourhoods, shortest chains), built once per version.</summary>
    public Network.Analysis.Graphs.PropertyGraph PropertyGraph => _propertyGraph.Value;

    private IReadOnlyCollection<string> Region(IReadOnlyCollection<string>? home) => home is { Count: > 0 } ? home : [DefaultHomeRegion];

    private string Key(IReadOnlyCollection<string>? home) => string.Join('|', Region(home).Order(StringComparer.Ordinal));
}

/// <summary>
/// Caches analyses per dataset, data version and date. A write marks the dataset changed; the current (undated)
/// analysis is then recomputed in the background and announced on the hub, so the next reader finds it ready.
/// </summary>
public sealed class AnalysisService(DatasetCatalog catalog, IHubContext<NetworkHub, INetworkClient> hub, ILogger<AnalysisService> logger)
{
    public const int Seed = 42;
    private readonly ConcurrentDictionary<(string Dataset, long Version, DateOnly? AsOf), Lazy<Task<AnalysisSnapshot>>> _cache = new();

    public async Task<AnalysisSnapshot> GetAsync(string dataset, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var store = catalog.Store(dataset);
        var version = await store.GetVersionAsync(cancellationToken);
        var entry = _cache.GetOrAdd((dataset, version, asOf), _ => new Lazy<Task<AnalysisSnapshot>>(async () =>
        {
            var graph = await store.LoadGraphAsync(CancellationToken.None);
            return new AnalysisSnapshot(graph, asOf, Seed);
        }));
        var snapshot = await entry.Value;
        // Older versions of this dataset are of no further use.
        foreach (var key in _cache.Keys.Where(k => k.Dataset == dataset && k.Version < snapshot.Version))
            _cache.TryRemove(key, out _);
        return snapshot;
    }

    // Per dataset: absent or 0 = idle, 1 = recomputing, 2 = recomputing and changed again since it started.
    private readonly ConcurrentDictionary<string, int> _recomputing = new();

    /// <summary>
    /// Called after every committed write: recompute in the background and announce it. Writes that arrive while a
    /// recomputation runs are coalesced into one more run, so a burst of edits costs two analyses, not one per edit.
    /// </summary>
    public void Changed(string dataset)
    {
        if (_recomputing.AddOrUpdate(dataset, 1, (_, state) => state == 0 ? 1 : 2) == 1)
            _ = Task.Run(() => RecomputeAsync(dataset));
    }

    private async Task RecomputeAsync(string dataset)
    {
        while (true)
        {
            try
            {
                var watch = Stopwatch.StartNew();
                var snapshot = await GetAsync(dataset);
                _ = snapshot.Metrics;
                _ = snapshot.Brokers;
                await hub.Clients.Group(NetworkHub.Group(dataset)).AnalysisUpdated(new AnalysisEvent(dataset, snapshot.Version, watch.Elapsed.TotalMilliseconds));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background analysis of dataset {Dataset} failed", dataset);
            }
            if (_recomputing.TryUpdate(dataset, 0, 1))
                return;
            _recomputing[dataset] = 1;
        }
    }
}
