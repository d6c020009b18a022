using System.Collections.Concurrent;
using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.ValueChain;

namespace Network.Analysis;

/// <summary>Everything computed for one dataset at one data version and date; each part computed once, on first use.</summary>
public sealed class AnalysisSnapshot : IDisposable
{
    private readonly Lazy<ActorNetwork> _actors;
    private readonly Lazy<AnalysisResult> _metrics;
    private readonly Lazy<BrokerInputs> _organisationBrokerInputs;
    private readonly Lazy<BrokerInputs?> _personBrokerInputs;
    private readonly Lazy<IReadOnlyList<BrokerProfile>> _brokers;
    private readonly Lazy<Task<IReadOnlyList<BrokerProfile>>> _bandedBrokers;
    private readonly IReadOnlyDictionary<string, string> _sectorNames;
    private readonly CancellationTokenSource _retired = new();
    private readonly CancellationToken _retiredToken;
    private int _disposed;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SectorChain>> _chains = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<Introduction>> _introductions = new();
    private readonly ConcurrentDictionary<string, Lazy<WhatIfReport>> _whatIf = new();
    private readonly Lazy<StabilityReport> _actorStability;
    private readonly Lazy<StabilityReport> _communityStability;
    private readonly Lazy<IReadOnlyList<Departure>> _departures;
    private readonly Lazy<IReadOnlyList<SinglePointOfFailure>> _fragility;
    private readonly Lazy<IReadOnlyList<string>> _homeRegion;
    private readonly Lazy<(ILookup<string, ChainPosition> Positions, ChainCoverage Coverage)> _chainPositions;
    private readonly Lazy<EcosystemReport> _report;
    private readonly Lazy<CommunityResult> _communities;
    private readonly Lazy<IReadOnlyList<string>> _communityLabels;
    private readonly Lazy<int[]> _components;
    private readonly int _seed;
    private readonly Lazy<IReadOnlyDictionary<string, Node>> _nodesById;
    private readonly Lazy<Network.Analysis.Graphs.PropertyGraph> _propertyGraph;

    /// <param name="homeRegion">The dataset's home region as an editor set it; null for the default.</param>
    public AnalysisSnapshot(NetworkGraph graph, DateOnly? asOf, int seed, IReadOnlyList<string>? homeRegion = null)
    {
        Graph = graph;
        AsOf = asOf;
        _retiredToken = _retired.Token;
        _actors = new(() => ActorNetwork.Build(graph, asOf));
        _metrics = new(() =>
        {
            var network = Actors.Organisations;
            var kinds = network.Organisations.Select(o => o.Kind).ToList();
            var index = kinds.Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
            return NetworkAnalysis.Run(network.Graph, new AnalysisOptions { Seed = seed, Groups = kinds.Select(k => index[k]).ToArray() });
        });
        _sectorNames = graph.OfType<Sector>().ToDictionary(s => s.Id, s => s.Name);
        _organisationBrokerInputs = new(() =>
        {
            var m = Metrics;
            return new BrokerInputs(Organisations.Graph, Actors.Actors.Take(Organisations.Graph.NodeCount).ToList(), BrokerNetworks.Organisations, m.Betweenness!,
                m.StructuralHoles!, m.Communities!.Community, m.ArticulationPoints, CutOffs(Organisations.Graph.Ids)) { Margin = m.BetweennessMargin };
        });
        _personBrokerInputs = new(() =>
        {
            if (Actors.Actors.All(a => a.Label != NodeLabel.Person))
                return null;
            var inputs = BrokerInputs.Compute(Actors.Graph, Actors.Actors, BrokerNetworks.OrganisationsAndPeople, seed);
            // Who is cut off when an actor leaves is counted in the organisation network, as its what-if does.
            var cutOff = CutOffs(Actors.Graph.Ids);
            return inputs with { CutOff = cutOff, CutPoints = Enumerable.Range(0, cutOff.Length).Where(v => cutOff[v] > 0).ToList() };
        });
        _brokers = new(() =>
        {
            var organisations = BrokerProfiles.Compute(_organisationBrokerInputs.Value, _sectorNames);
            var people = _personBrokerInputs.Value is { } p
                ? BrokerProfiles.Compute(p, _sectorNames).Where(b => b.Label == nameof(NodeLabel.Person)).ToList()
                : [];
            return [.. organisations, .. people];
        });
        _bandedBrokers = new(() => OnOwnThread(() =>
        {
            var organisations = BrokerProfiles.WithRankBands(Brokers.Where(b => b.Label == nameof(NodeLabel.Organisation)).ToList(), _organisationBrokerInputs.Value, seed, RankBandCopiesFor(Organisations.Graph), _retiredToken);
            var people = _personBrokerInputs.Value is { } p
                ? BrokerProfiles.WithRankBands(Brokers.Where(b => b.Label == nameof(NodeLabel.Person)).ToList(), p, seed, RankBandCopiesFor(p.Graph), _retiredToken)
                : [];
            return (IReadOnlyList<BrokerProfile>)[.. organisations, .. people];
        }));
        _actorStability = new(() => Stability.Assess(Actors.Graph, Leiden.Detect(Actors.Graph, seed: seed).Community, StabilitySeeds(Actors.Graph), seed: seed));
        _communityStability = new(() => Stability.Assess(Organisations.Graph, Communities.Community, StabilitySeeds(Organisations.Graph), seed: seed));
        _departures = new(() => Fragility.Departures(Organisations, Metrics.ArticulationPoints, graph.OfType<Person>()));
        _fragility = new(() => Fragility.SinglePointsOfFailure(_departures.Value, 50));
        _chainPositions = new(() => ChainPositions.Of(graph) is var (positions, coverage) ? (positions.ToLookup(p => p.Organisation, StringComparer.Ordinal), coverage) : default);
        _homeRegion = new(() => homeRegion is { Count: > 0 } ? homeRegion : Gaps.DefaultHomeRegion(graph));
        _communities = new(() => Leiden.Detect(Organisations.Graph, seed: seed));
        _communityLabels = new(() =>
        {
            var organisations = Organisations.Organisations;
            var traits = Actors.Actors.Take(organisations.Count).Select((a, v) => new MemberTraits(a.Name,
                organisations[v].Sectors.Select(s => _sectorNames.GetValueOrDefault(s, s)).ToList(), a.Kind, a.Country, a.City)).ToList();
            return Community.CommunityLabels.Name(Organisations.Graph, Communities.Community, traits);
        });
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

    /// <summary>
    /// Organisations ranked in the organisation network (their betweenness, constraint, effective size, communities and
    /// cut points are <see cref="Metrics"/>'), then people ranked in the network of organisations and people.
    /// </summary>
    public IReadOnlyList<BrokerProfile> Brokers => _brokers.Value;

    /// <summary>How exact the betweenness of organisations (or of people) is: null when exact, else its stated error.</summary>
    public BetweennessEstimate? BetweennessMargin(NodeLabel label) =>
        label == NodeLabel.Person ? _personBrokerInputs.Value?.Margin : _organisationBrokerInputs.Value.Margin;

    /// <summary>
    /// Leiden seeds per resolution for the stability of communities and brokers: 8, or 3 for a network above 20,000 nodes
    /// (at 176,000 organisations and people 24 runs took 100 s; 9 runs still show which memberships hold).
    /// </summary>
    public static int StabilitySeeds(Network.Analysis.Graphs.WeightedGraph graph) => graph.NodeCount > BrokerProfiles.SampledAbove ? 3 : 8;

    /// <summary>Copies of each network re-ranked per scheme for the rank bands.</summary>
    public const int RankBandCopies = 50;

    /// <summary>Copies per scheme for a network: <see cref="RankBandCopies"/>, or 10 above 20,000 nodes (100 copies of 50,000 organisations took 10 minutes).</summary>
    public static int RankBandCopiesFor(Network.Analysis.Graphs.WeightedGraph graph) => graph.NodeCount > BrokerProfiles.SampledAbove ? 10 : RankBandCopies;

    /// <summary><see cref="Brokers"/> with their rank bands; started on first call, computed in the background.</summary>
    public Task<IReadOnlyList<BrokerProfile>> BrokersWithRankBandsAsync() => _bandedBrokers.Value;

    /// <summary>Whether the rank bands are ready.</summary>
    public bool RankBandsReady => _bandedBrokers.IsValueCreated && _bandedBrokers.Value.IsCompletedSuccessfully;

    /// <summary>The brokers with rank bands when they are ready, else without.</summary>
    public IReadOnlyList<BrokerProfile> BrokersSoFar => RankBandsReady ? _bandedBrokers.Value.Result : Brokers;

    /// <summary>
    /// A newer version replaced this one: work still running for it (the rank bands) stops, and whoever still waits on
    /// the bands gets a cancelled task. What was computed stays readable.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _retired.Cancel();
        _retired.Dispose();
    }

    /// <summary>
    /// Long background work on a thread of its own, one core at most, so that it never holds the thread pool that
    /// answers requests (a pool held for half a minute starves every request's continuations).
    /// </summary>
    private static Task<T> OnOwnThread<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                done.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "rank bands" };
        thread.Start();
        return done.Task;
    }

    /// <summary>How often an actor ties its community to another across repeated community detections, in the network its profile is measured in.</summary>
    public double? StabilityOf(string id)
    {
        var organisation = Organisations.Graph.IndexOf(id);
        if (organisation >= 0)
            return CommunityStability.BrokerShare[organisation];
        var actor = Actors.Graph.IndexOf(id);
        return actor >= 0 ? ActorStability.BrokerShare[actor] : null;
    }

    /// <summary>The region most members sit in: the home region when none is chosen.</summary>
    /// <summary>The dataset's home region (set by an editor, else <see cref="Gaps.DefaultHomeRegion"/>): the names a city, its region or country is matched by.</summary>
    public IReadOnlyList<string> HomeRegion => _homeRegion.Value;

    /// <summary>How many organisations the value chains place from their records, by derivation, or not at all.</summary>
    public ChainCoverage ChainCoverage => _chainPositions.Value.Coverage;

    /// <summary>Where an organisation sits in the value chains: sector and stage, recorded or derived (with the rule).</summary>
    public IEnumerable<ChainPosition> ChainPositionsOf(string organisation) => _chainPositions.Value.Positions[organisation];

    /// <summary>The home region as a page names it: "Leuven", "Vlaams-Brabant"; "the region" when nothing is known.</summary>
    public string HomeRegionName => HomeRegion.Count > 0 ? HomeRegion[0] : "the region";

    /// <summary>Leiden consensus over seeds and resolutions on the actor network (organisations and people): brokers' stability.</summary>
    public StabilityReport ActorStability => _actorStability.Value;

    /// <summary>Leiden consensus on the organisation network, for the communities of <see cref="Metrics"/>.</summary>
    public StabilityReport CommunityStability => _communityStability.Value;

    /// <summary>The 50 organisations and people whose departure cuts most organisation pairs apart in the organisation network, worst first.</summary>
    public IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure => _fragility.Value;

    /// <summary>Organisations cut off if each of these actors leaves (0 for those whose departure cuts nobody off).</summary>
    private int[] CutOffs(IReadOnlyList<string> ids)
    {
        var cutOff = _departures.Value.ToDictionary(d => d.Id, d => d.CutOff.Count, StringComparer.Ordinal);
        return ids.Select(id => cutOff.GetValueOrDefault(id)).ToArray();
    }

    /// <summary>
    /// Leiden communities of the organisation network — the same as <see cref="Metrics"/>' (same seed and resolution),
    /// without computing every other metric first: the pages that only need communities stay fast on a cold start.
    /// </summary>
    public CommunityResult Communities => _communities.Value;

    /// <summary>Each community's name by what sets it apart and who leads it (<see cref="CommunityLabels"/>), by community number.</summary>
    public IReadOnlyList<string> CommunityLabels => _communityLabels.Value;

    /// <summary>The quadruple-helix mix of the whole organisation network.</summary>
    public HelixMix Helix => Cached("helix", () => Helices.Mix(Organisations.Graph, Organisations.Organisations.Select(o => o.Kind).ToList(), Enumerable.Range(0, Organisations.Graph.NodeCount).ToList()));

    /// <summary>The quadruple-helix mix of one community (by number from 0), in words against the whole network's.</summary>
    public HelixMix CommunityHelix(int community) =>
        Cached("helix of each community", () => Helices.MixOfEach(Organisations.Graph, Organisations.Organisations.Select(o => o.Kind).ToList(), Communities.Community))[community];

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
        return Gated(_whatIf.GetOrAdd(id + "\n" + Key(home), _ => new Lazy<WhatIfReport>(() => Fragility.WhatIf(WhatIfBaseline(home), id))));
    }

    /// <summary>
    /// The actor's what-if if it has been computed already (by the warm-up, which does the ten leading brokers', or by an
    /// earlier request), else null: for pages of a large network that show it when at hand and do not wait for it.
    /// </summary>
    public WhatIfReport? WhatIfIfComputed(string id) =>
        _whatIf.TryGetValue(id + "\n" + Key(null), out var once) && once.IsValueCreated ? once.Value : null;

    /// <summary>Today's side of every what-if, once per region for this version and date.</summary>
    public WhatIfBaseline WhatIfBaseline(IReadOnlyCollection<string>? home = null) =>
        Cached("whatif-baseline\n" + Key(home), () => Network.Analysis.Insights.WhatIfBaseline.Of(Graph, Organisations, _seed, Region(home), Metrics.Betweenness));

    /// <summary>Today and a proposed change side by side (an actor removed, a partnership added), once per key for this version.</summary>
    public ScenarioComparison Scenario(string key, Func<NetworkGraph> change, IReadOnlyCollection<string>? home = null) =>
        (ScenarioComparison)Gated(Entry("scenario\n" + key + "\n" + Key(home), () => Network.Analysis.Insights.Scenario.Compare(TodaySide(home), change(), AsOf, Region(home))));

    /// <summary>Today's side of every comparison, once per region for this version and date.</summary>
    private ScenarioSide TodaySide(IReadOnlyCollection<string>? home) =>
        Cached("today\n" + Key(home), () => Network.Analysis.Insights.Scenario.Today(Graph, AsOf, Region(home), _seed, Organisations, Metrics.Betweenness));

    /// <summary>
    /// Today and the network without one actor, side by side (the what-if page's comparison): the changed side is the
    /// what-if's own (the same pass, from today's side, not the data projected again), for the kinds a what-if takes.
    /// </summary>
    public ScenarioComparison WithoutActor(string id) =>
        Fragility.TakesWhatIf(NodesById.GetValueOrDefault(id))
            ? (ScenarioComparison)Gated(Entry("scenario\nremove\n" + id + "\n" + Key(null), () => Network.Analysis.Insights.Scenario.Compare(TodaySide(null), WhatIf(id).Changed!)))
            : Scenario("remove\n" + id, () => Network.Analysis.Insights.Scenario.Without(Graph, id));

    /// <summary>Today and the network with a partnership between two organisations, side by side.</summary>
    public ScenarioComparison WithPartnership(string a, string b) =>
        Scenario($"tie\n{a}\n{b}", () => Network.Analysis.Insights.Scenario.WithPartnership(Graph, a, b));

    /// <summary>What changed between two dates, once per pair of dates for this version.</summary>
    public ChangeBetweenDates Compare(DateOnly from, DateOnly to, IReadOnlyCollection<string>? home = null) =>
        Cached($"compare\n{from:yyyy-MM-dd}\n{to:yyyy-MM-dd}\n{Key(home)}", () => EcosystemReports.Compare(Graph, from, to, Region(home), _seed));

    /// <summary>The board report of this version and date with a comparison to an earlier date.</summary>
    /// <param name="today">The day it is made (the caller's clock): the comparison runs to the snapshot's date, else to today.</param>
    public EcosystemReport ReportComparedWith(DateOnly from, DateOnly today) =>
        Cached($"report\n{from:yyyy-MM-dd}\n{today:yyyy-MM-dd}", () => EcosystemReports.Build(Graph, new ReportOptions { AsOf = AsOf, Today = today, Seed = _seed, CompareWith = from }, ReportInputs()));

    /// <summary>What this snapshot has computed already, for the report.</summary>
    public ReportInputs ReportInputs() => new(Actors, BrokersSoFar, Communities, CommunityLabels, StabilityOf, () => CommunityStability,
        Chains(null), Introductions(null), SinglePointsOfFailure);

    /// <summary>
    /// A result computed once per key for this version (also by pages: where the map places the cities). At most
    /// <see cref="MaxCached"/> are kept (the cache is emptied when full), so that requests for many different keys
    /// cannot fill the server's memory.
    /// </summary>
    public T Cached<T>(string key, Func<T> compute) where T : class => (T)Entry(key, compute).Value;

    private Lazy<object> Entry<T>(string key, Func<T> compute) where T : class
    {
        if (_cached.Count >= MaxCached)
            _cached.Clear();
        return _cached.GetOrAdd(key, _ => new Lazy<object>(() => compute()));
    }

    public const int MaxCached = 64;

    /// <summary>At most this many what-ifs and scenarios are computed at once (each projects a changed copy of the data).</summary>
    public const int MaxHeavyAtOnce = 2;
    private static readonly SemaphoreSlim HeavyGate = new(MaxHeavyAtOnce, MaxHeavyAtOnce);

    // True inside work that already holds a place at the gate (an async caller waited for it without a thread).
    private static readonly AsyncLocal<bool> InsideGate = new();

    /// <summary>
    /// A heavy result computed once: the place at the gate is taken before the computation starts, never inside it, so
    /// whoever computes holds a place and whoever waits for the result waits for someone who is computing (a holder
    /// waiting for a result whose owner waits for a place would deadlock once every place is held so).
    /// </summary>
    private static T Gated<T>(Lazy<T> once) => once.IsValueCreated ? once.Value : Heavy(() => once.Value);

    private static T Heavy<T>(Func<T> compute)
    {
        if (InsideGate.Value)
            return compute();
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

    /// <summary>
    /// Heavy work for a request: waits for a place at the gate without holding a thread (so a queue of what-ifs never
    /// starves the server of threads, and /health and every other page keep answering), then computes.
    /// </summary>
    public async Task<T> HeavyAsync<T>(Func<AnalysisSnapshot, T> compute, CancellationToken cancellationToken = default)
    {
        await HeavyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                InsideGate.Value = true;
                return compute(this);
            }, cancellationToken).ConfigureAwait(false);
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

    private IReadOnlyCollection<string> Region(IReadOnlyCollection<string>? home) => home is { Count: > 0 } ? home : HomeRegion;

    private string Key(IReadOnlyCollection<string>? home) => string.Join('|', Region(home).Order(StringComparer.Ordinal));
}

