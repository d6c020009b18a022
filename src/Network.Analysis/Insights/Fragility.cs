using Network.Analysis.Centrality;
using Network.Analysis.Domain;
using Network.Analysis.Graphs;
using Network.Analysis.Projection;
using Network.Analysis.Structure;
using Network.Analysis.ValueChain;

namespace Network.Analysis.Insights;

/// <summary>An actor whose departure cuts the organisation network apart.</summary>
public sealed record SinglePointOfFailure(string Id, string Name, string Label, int Rank, long DisconnectedOrganisationPairs, int CutOffOrganisations, IReadOnlyList<string> CutOffExamples);

/// <summary>An organisation or person whose departure cuts organisations off: how many pairs lose every path, and who is cut off.</summary>
public sealed record Departure(string Id, string Name, string Label, long Pairs, IReadOnlyList<string> CutOff);

/// <summary>Two groups (cities, sectors, communities…) that lose every path between them.</summary>
/// <summary>Two groups (cities, countries, sectors…) that lose every path between them; the sizes are their organisations today.</summary>
public sealed record SeveredGroups(string Attribute, string From, string To, int FromSize = 0, int ToSize = 0);

public sealed record BrokerChange(string Id, string Name, double Before, double After);

/// <summary>What is lost when one organisation, person or agreement leaves.</summary>
public sealed record WhatIfReport(
    string RemovedId,
    string RemovedName,
    string RemovedLabel,
    long DisconnectedPairs,
    IReadOnlyList<string> CutOff,
    IReadOnlyList<string> Isolated,
    IReadOnlyList<SeveredGroups> Severed,
    double EfficiencyBefore,
    double EfficiencyAfter,
    int LongerPaths,
    IReadOnlyList<BrokerChange> TakeOver)
{
    /// <summary>The network without the actor as a comparison shows it (what the what-if page sets beside today's).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ScenarioSide? Changed { get; init; }

    /// <summary>Value-chain gaps of the home region that exist only without the removed actor ("sector: kind stage").</summary>
    public IReadOnlyList<string> GapsOpened { get; init; } = [];

    /// <summary>Value-chain gaps that exist only with it, in sectors that still have organisations.</summary>
    public IReadOnlyList<string> GapsClosed { get; init; } = [];

    /// <summary>Gaps of one stage that change kind without it ("ICT: pilot from thin to missing").</summary>
    public IReadOnlyList<string> GapsWorsened { get; init; } = [];

    /// <summary>Sectors that would have no organisation left without it.</summary>
    public IReadOnlyList<string> EmptiedSectors { get; init; } = [];
}

/// <summary>
/// Fragility of the ecosystem. <see cref="SinglePointsOfFailure"/> ranks organisations and people by the number of
/// organisation pairs that lose every path between them when the actor leaves (articulation points of the
/// <see cref="ActorNetwork"/>; ties broken by betweenness). <see cref="WhatIf"/> removes one organisation, person or
/// agreement from the data, projects again and compares: pairs disconnected, groups severed, global efficiency
/// (E = Σ 1/d(i,j) / n(n−1) with d the 1/weight distance; Latora &amp; Marchiori 2001), pairs whose distance grew, and
/// the organisations whose betweenness rises most (the brokers that take over).
/// </summary>
public static class Fragility
{
    /// <summary>
    /// Organisations and people whose departure cuts organisations off, in the organisation network, worst first (most
    /// organisation pairs that lose every path; then by name). An organisation counts when it is a cut point of the
    /// organisation network; a person when the ties that exist only through them hold organisations together. The
    /// counting is the what-if's (<see cref="Loss"/>), so a single point of failure is exactly an actor whose what-if
    /// cuts someone off.
    /// </summary>
    public static IReadOnlyList<Departure> Departures(OrganisationNetwork network, IReadOnlyList<int> cutPoints, IEnumerable<Person> people)
    {
        var graph = network.Graph;
        var all = new bool[graph.NodeCount];
        Array.Fill(all, true);
        var losses = new CutPointLosses(graph, all);
        var results = new List<Departure>();
        foreach (var v in cutPoints)
        {
            var (pairs, cutOff) = (losses.Pairs(v), losses.CutOff(v));
            if (pairs > 0)
                results.Add(new(graph.Ids[v], network.Organisations[v].Name, nameof(NodeLabel.Organisation), pairs, cutOff.Select(c => network.Organisations[c].Name).ToList()));
        }
        var components = Connectivity.Components(graph);
        // A person cuts organisations off only where ties that exist through them alone (every reason via them, none a
        // partnership) hold the network together. Those ties are gathered once and the parts their loss separates
        // searched from their ends (projecting again for each of 120,000 people at 50,000 organisations took hours).
        var onlyThrough = new Dictionary<string, List<(int U, int V)>>(StringComparer.Ordinal);
        foreach (var tie in network.Ties)
        {
            var via = tie.Reasons.Count > 0 && tie.Reasons.All(r => r.Kind != TieKind.Partnership && r.Via == tie.Reasons[0].Via) ? tie.Reasons[0].Via : null;
            if (via is null)
                continue;
            if (!onlyThrough.TryGetValue(via, out var ties))
                onlyThrough[via] = ties = [];
            ties.Add((graph.IndexOf(tie.A), graph.IndexOf(tie.B)));
        }
        var cut = new Connectivity.EdgeCut(graph);
        var componentSize = components.CountBy(c => c).ToDictionary(c => c.Key, c => (long)c.Value);
        foreach (var person in people)
        {
            if (!onlyThrough.TryGetValue(person.Id, out var gone))
                continue;
            // The parts cut away from the rest of the component (a person's ties all lie in one component).
            var pieces = cut.Pieces(gone);
            if (pieces.Count == 0)
                continue;
            var size = componentSize[components[gone[0].U]];
            var away = pieces.Sum(p => (long)p.Count);
            var lost = Pairs(size) - Pairs(size - away) - pieces.Sum(p => Pairs(p.Count));
            results.Add(new(person.Id, person.DisplayName, nameof(NodeLabel.Person), lost, pieces.SelectMany(p => p).Order().Select(i => network.Organisations[i].Name).ToList()));
        }
        return results.OrderByDescending(r => r.Pairs).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The first <paramref name="top"/> of <see cref="Departures"/>, ranked.</summary>
    public static IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure(IReadOnlyList<Departure> departures, int top = 50) =>
        departures.Take(top)
            .Select((r, i) => new SinglePointOfFailure(r.Id, r.Name, r.Label, i + 1, r.Pairs, r.CutOff.Count, r.CutOff.Take(5).ToList()))
            .ToList();

    /// <summary>
    /// What one departure costs: the organisation pairs connected before and not after, and the organisations (indices
    /// of <paramref name="after"/>) separated from the largest remaining part of the component they were in.
    /// </summary>
    public static (long Pairs, List<int> CutOff) Loss(OrganisationNetwork before, int[] componentBefore, OrganisationNetwork after, int[] componentAfter)
    {
        var beforeIndex = after.Organisations.Select(o => before.Graph.IndexOf(o.Id)).ToArray();
        // Parts after within each component before (removing splits components, never joins them).
        var parts = Enumerable.Range(0, after.Organisations.Count).GroupBy(i => componentBefore[beforeIndex[i]])
            .ToDictionary(g => g.Key, g => g.GroupBy(i => componentAfter[i]).Select(p => (Part: p.Key, Size: (long)p.Count())).ToList());
        // Pairs in one component before and in two after: all pairs of the component's remaining members, less the
        // pairs within each part.
        var disconnected = parts.Values.Sum(p => Pairs(p.Sum(x => x.Size)) - p.Sum(x => Pairs(x.Size)));
        // The largest part keeps the component's place; ties in size go to the part found first (the lowest number).
        var mainPart = parts.ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(p => p.Size).ThenBy(p => p.Part).First().Part);
        var cutOff = Enumerable.Range(0, after.Organisations.Count)
            .Where(i => componentAfter[i] != mainPart[componentBefore[beforeIndex[i]]])
            .ToList();
        return (disconnected, cutOff);
    }

    /// <summary>Whether a what-if takes this kind of node: an organisation, person, agreement, event or city.</summary>
    public static bool TakesWhatIf(Node? node) => node is Organisation or Person or Agreement or Event or City;

    /// <param name="homeRegion">For the value-chain comparison; the default home region when null.</param>
    public static WhatIfReport WhatIf(NetworkGraph graph, string id, DateOnly? asOf = null, int seed = 42, IReadOnlyCollection<string>? homeRegion = null) =>
        graph.Nodes.Any(n => n.Id == id)
            ? WhatIf(WhatIfBaseline.Of(graph, OrganisationProjection.Project(graph, asOf), seed, homeRegion), id)
            : throw new KeyNotFoundException($"No organisation, person or agreement with id '{id}'.");

    /// <summary>
    /// One what-if against today's side computed once (<see cref="WhatIfBaseline"/>): the network without the actor is
    /// derived from today's projection (<see cref="OrganisationNetwork.Without"/>), not projected again, and what is
    /// compared is counted from component sizes rather than pair by pair — memory in proportion to the graph, not to
    /// the number of pairs of organisations or of cities.
    /// </summary>
    public static WhatIfReport WhatIf(WhatIfBaseline baseline, string id)
    {
        var graph = baseline.Graph;
        var removed = baseline.Nodes.GetValueOrDefault(id)
            ?? throw new KeyNotFoundException($"No organisation, person or agreement with id '{id}'.");
        // A city leaving takes its twinnings and the seats of its organisations (which then count outside every region).
        if (!TakesWhatIf(removed))
            throw new ArgumentException($"'{id}' is a {removed.Label}; what-if takes an organisation, person, agreement, event or city.");

        var before = baseline.Before;
        var after = before.Without(id);
        var beforeGraph = before.Graph;
        var afterGraph = after.Graph;
        // Betweenness and efficiency after the departure — the one shortest-path pass, on every core — while this
        // thread works out the rest (components, severed groupings, longer paths, value chains): on 50,000
        // organisations the pass is most of the what-if, the rest a third as long again.
        var measuredAfter = ReferenceEquals(after, before)
            ? Task.FromResult((baseline.Betweenness.Today, baseline.Efficiency))
            : Task.Run(() => baseline.Betweenness.After(afterGraph));

        // Compare on the organisations that remain.
        var remaining = after.Organisations.Select(o => o.Id).ToList();
        var componentBefore = baseline.Components;
        var componentAfter = ReferenceEquals(after, before) ? componentBefore : Connectivity.Components(afterGraph);
        var beforeIndex = remaining.Select(beforeGraph.IndexOf).ToArray();
        var (disconnected, cutOffIndices) = Loss(before, componentBefore, after, componentAfter);
        var cutOff = cutOffIndices.Select(i => after.Organisations[i].Name).ToList();
        var isolated = Enumerable.Range(0, remaining.Count)
            .Where(i => afterGraph.Degree(i) == 0 && beforeGraph.Degree(beforeIndex[i]) > 0)
            .Select(i => after.Organisations[i].Name)
            .ToList();

        // A city leaving changes no tie, and its organisations keep their places in today's data: nothing is severed.
        // Largest first: the pairs of groups with the most organisations between them lose the most.
        var afterIndex = ReferenceEquals(after, before) ? [] : Enumerable.Range(0, beforeGraph.NodeCount).Select(v => afterGraph.IndexOf(beforeGraph.Ids[v])).ToArray();
        var severed = ReferenceEquals(after, before) ? [] : baseline.Attributes
            .SelectMany(a => Severed(a, before, componentBefore, after, componentAfter, afterIndex))
            .OrderByDescending(x => (long)x.FromSize * x.ToSize).ThenBy(x => x.Attribute, StringComparer.Ordinal).ThenBy(x => x.From, StringComparer.Ordinal).ThenBy(x => x.To, StringComparer.Ordinal)
            .ToList();

        var longer = LongerPaths(beforeGraph, afterGraph, remaining, beforeIndex);
        var chainsAfter = Gaps.Analyse(baseline.ChainInputs.Without(removed, () => Scenario.Without(graph, id)), after, baseline.Home, baseline.Chains);
        var (betweennessAfter, efficiencyAfter) = measuredAfter.GetAwaiter().GetResult();
        var takeOver = Enumerable.Range(0, remaining.Count)
            .Select(i => new BrokerChange(remaining[i], after.Organisations[i].Name, baseline.Betweenness.Today[beforeIndex[i]], betweennessAfter[i]))
            .Where(c => c.After > c.Before + 1e-12)
            .OrderByDescending(c => c.After - c.Before).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(5)
            .ToList();

        var gaps = Gaps.Compare(baseline.Chains, chainsAfter);
        return new WhatIfReport(id, removed.DisplayName, removed.Label.ToString(), disconnected, cutOff, isolated, severed, baseline.Efficiency, efficiencyAfter, longer, takeOver)
        {
            Changed = Scenario.Side(after, componentAfter, (betweennessAfter, efficiencyAfter), chainsAfter),
            GapsOpened = gaps.Opened,
            GapsClosed = gaps.Closed,
            GapsWorsened = gaps.Worsened,
            EmptiedSectors = gaps.Emptied,
        };
    }

    private static long Pairs(long count) => count * (count - 1) / 2;

    /// <summary>
    /// Pairs of groups (two cities, say) that had organisations in one component and have them in no common component
    /// afterwards, in the order of the components and then of the names. Only a group missing from the part of a
    /// component that keeps the most groups can lose a link, so only pairs with such a group are tried — never every
    /// pair of the 1,500 cities of a large network, as a set of all linked pairs before and after would hold.
    /// </summary>
    /// <param name="afterIndex">Each organisation's place after, or −1 when it left.</param>
    private static IEnumerable<SeveredGroups> Severed(GroupedBy grouping, OrganisationNetwork before, int[] componentBefore,
        OrganisationNetwork after, int[] componentAfter, int[] afterIndex)
    {
        var (attribute, valueOf, valuesBefore, sizes) = (grouping.Attribute, grouping.ValueOf, grouping.ValuesByComponent, grouping.Sizes);
        var valuesAfter = ValuesByComponent(after, componentAfter, valueOf);
        var partsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (part, values) in valuesAfter)
        {
            foreach (var value in values)
            {
                if (!partsOf.TryGetValue(value, out var list))
                    partsOf[value] = list = [];
                list.Add(part);
            }
        }
        bool LinkedAfter(string x, string y) =>
            partsOf.TryGetValue(x, out var px) && partsOf.TryGetValue(y, out var py) && px.Any(py.Contains);

        // The parts after of each component before (where its remaining members are now), components in member order.
        var partsOfComponent = new Dictionary<int, HashSet<int>>();
        for (var v = 0; v < before.Organisations.Count; v++)
        {
            if (!partsOfComponent.TryGetValue(componentBefore[v], out var set))
                partsOfComponent[componentBefore[v]] = set = [];
            if (afterIndex[v] is var i and >= 0)
                set.Add(componentAfter[i]);
        }

        var emitted = new HashSet<(string, string)>();
        foreach (var (component, parts) in partsOfComponent)
        {
            if (!valuesBefore.TryGetValue(component, out var had) || had.Count < 2)
                continue;
            var kept = parts.Select(p => valuesAfter.GetValueOrDefault(p) ?? []).DefaultIfEmpty([]).MaxBy(v => v.Count)!;
            if (kept.Count == had.Count)
                continue; // one part keeps every group: all its pairs stay linked
            var values = had.Order(StringComparer.Ordinal).ToArray();
            var rare = values.Select(v => !kept.Contains(v)).ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                for (var j = i + 1; j < values.Length; j++)
                {
                    if ((rare[i] || rare[j]) && !LinkedAfter(values[i], values[j]) && emitted.Add((values[i], values[j])))
                        yield return new SeveredGroups(attribute, values[i], values[j], sizes.GetValueOrDefault(values[i]), sizes.GetValueOrDefault(values[j]));
                }
            }
        }
    }

    internal static Dictionary<int, HashSet<string>> ValuesByComponent(OrganisationNetwork network, int[] component, Func<Organisation, string?> valueOf)
    {
        var values = new Dictionary<int, HashSet<string>>();
        for (var i = 0; i < network.Organisations.Count; i++)
        {
            if (valueOf(network.Organisations[i]) is not { } value)
                continue;
            if (!values.TryGetValue(component[i], out var set))
                values[component[i]] = set = new(StringComparer.Ordinal);
            set.Add(value);
        }
        return values;
    }

    private static int LongerPaths(WeightedGraph before, WeightedGraph after, List<string> remaining, int[] beforeIndex)
    {
        if (remaining.Count > 1500)
            return -1;
        var longer = 0;
        var (searchBefore, searchAfter) = (ShortestPaths.DistanceSearches(before)(), ShortestPaths.DistanceSearches(after)());
        for (var i = 0; i < remaining.Count; i++)
        {
            var dBefore = searchBefore.From(beforeIndex[i]);
            var dAfter = searchAfter.From(i);
            for (var j = i + 1; j < remaining.Count; j++)
            {
                var b = dBefore[beforeIndex[j]];
                var a = dAfter[j];
                if (double.IsFinite(b) && double.IsFinite(a) && a > b + 1e-9)
                    longer++;
            }
        }
        return longer;
    }
}

/// <summary>A grouping of organisations (by city, say) and today's side of it: the groups in each component, each group's size.</summary>
public sealed record GroupedBy(string Attribute, Func<Organisation, string?> ValueOf, IReadOnlyDictionary<int, HashSet<string>> ValuesByComponent,
    IReadOnlyDictionary<string, int> Sizes);

/// <summary>
/// Today's side of every what-if on one version of the data, computed once and shared by all of them: the projection,
/// its components, betweenness and efficiency (sampled above 2,000 organisations), the home region's value-chain gaps
/// and where each organisation sits (city, region, sector).
/// </summary>
public sealed class WhatIfBaseline
{
    private WhatIfBaseline(NetworkGraph graph, OrganisationNetwork before, int seed, IReadOnlyCollection<string> home, double[]? betweenness)
    {
        Graph = graph;
        Nodes = graph.NodesById();
        Before = before;
        Seed = seed;
        Home = home;
        Components = Connectivity.Components(before.Graph);
        Betweenness = new BetweennessAfterChange(before.Graph, betweenness, seed);
        Samples = Betweenness.SampleSources;
        Efficiency = Betweenness.Efficiency;
        ChainInputs = ValueChain.ChainInputs.Of(graph);
        Chains = ValueChain.Gaps.Analyse(ChainInputs, before, home);
        Gaps = Chains.SelectMany(c => c.Gaps).Select(ValueChain.Gaps.Describe).ToHashSet();
        var nodes = Nodes;
        var cityOf = graph.OfType(RelationshipType.LocatedIn).Where(r => nodes.GetValueOrDefault(r.To) is City)
            .GroupBy(r => r.From).ToDictionary(g => g.Key, g => (City)nodes[g.First().To]);
        Attributes = new (string Attribute, Func<Organisation, string?> ValueOf)[]
        {
            ("city", o => cityOf.GetValueOrDefault(o.Id)?.Name),
            ("region", o => cityOf.GetValueOrDefault(o.Id)?.Region),
            ("sector", o => o.Sectors.Count > 0 ? nodes.GetValueOrDefault(o.Sectors[0])?.DisplayName : null),
        }.Select(a => new GroupedBy(a.Attribute, a.ValueOf, Fragility.ValuesByComponent(before, Components, a.ValueOf),
            before.Organisations.Select(a.ValueOf).OfType<string>().GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal))).ToList();
    }

    /// <param name="before">The organisation projection of <paramref name="graph"/> (as of the date the what-ifs look at).</param>
    /// <param name="homeRegion">For the value-chain comparison; the default home region when null.</param>
    /// <param name="betweenness">The organisation network's betweenness as the metrics have it (the value every page shows before a departure).</param>
    public static WhatIfBaseline Of(NetworkGraph graph, OrganisationNetwork before, int seed = 42, IReadOnlyCollection<string>? homeRegion = null, double[]? betweenness = null) =>
        new(graph, before, seed, homeRegion is { Count: > 0 } ? homeRegion : ValueChain.Gaps.DefaultHomeRegion(graph), betweenness);

    public NetworkGraph Graph { get; }
    public IReadOnlyDictionary<string, Node> Nodes { get; }
    public OrganisationNetwork Before { get; }
    public int Seed { get; }
    public IReadOnlyCollection<string> Home { get; }
    public int? Samples { get; }
    public int[] Components { get; }
    /// <summary>Today's betweenness as the metrics have it, and how it is measured after a departure.</summary>
    public BetweennessAfterChange Betweenness { get; }
    public double Efficiency { get; }
    public IReadOnlySet<string> Gaps { get; }
    public IReadOnlyList<SectorChain> Chains { get; }
    /// <summary>What the value chains are read from, for the chains after a departure.</summary>
    public ChainInputs ChainInputs { get; }
    /// <summary>The groupings whose links a departure can sever (city, region, sector), today's side of each counted once.</summary>
    public IReadOnlyList<GroupedBy> Attributes { get; }
}

/// <summary>
/// What every node's departure separates, from one depth-first search (Hopcroft–Tarjan low points) instead of one search
/// per cut point: without v, its component falls into the subtrees of v's search children c with low(c) ≥ disc(v), and
/// the rest. Counted are the marked nodes (organisations): the pairs that were connected and are not, and the marked
/// nodes outside the largest remaining part (ties in size: the part of v's earliest tie). Each subtree is a range of the
/// search's visiting order, so the nodes cut off are listed only when asked.
/// </summary>
internal sealed class CutPointLosses
{
    private readonly WeightedGraph _graph;
    private readonly bool[] _counted;
    private readonly int[] _discovery;
    private readonly int[] _low;
    private readonly int[] _parent;
    private readonly int[] _size;
    private readonly int[] _visit;
    private readonly int[] _root;
    // Counted nodes among the first t of the visiting order: a subtree's count is a difference of two.
    private readonly long[] _countedBefore;

    public CutPointLosses(WeightedGraph graph, bool[] counted)
    {
        _graph = graph;
        _counted = counted;
        var search = new Connectivity.LowPoints(graph);
        (_discovery, _low, _parent, _size, _visit, _root) = (search.Discovery, search.Low, search.Parent, search.Size, search.Visit, search.Root);
        _countedBefore = new long[graph.NodeCount + 1];
        for (var t = 0; t < graph.NodeCount; t++)
            _countedBefore[t + 1] = _countedBefore[t] + (counted[_visit[t]] ? 1 : 0);
    }

    /// <summary>The counted nodes in v's subtree of the search, v included.</summary>
    private long CountedIn(int v) => _countedBefore[_discovery[v] + _size[v]] - _countedBefore[_discovery[v]];

    /// <summary>The parts v's departure leaves of its component: the separated children's subtrees (by visiting order), then the rest (child −1).</summary>
    private List<(int Child, long Counted, int First)> Parts(int v)
    {
        var separated = new List<int>();
        foreach (var c in _graph.Neighbours(v))
        {
            if (_parent[c] == v && _low[c] >= _discovery[v])
                separated.Add(c);
        }
        separated.Sort((a, b) => _discovery[a].CompareTo(_discovery[b]));
        var starts = separated.Select(c => _discovery[c]).ToArray();
        // Where each part is first met among v's ties, for the order of parts of equal size.
        var first = new int[separated.Count + 1];
        Array.Fill(first, int.MaxValue);
        for (var e = _graph.Offsets[v + 1] - 1; e >= _graph.Offsets[v]; e--)
            first[PartOf(_graph.Targets[e], separated, starts) is var i && i >= 0 ? i : separated.Count] = e;
        var parts = separated.Select((c, i) => (c, CountedIn(c), first[i])).ToList();
        var root = _root[v];
        if (v != root)
            parts.Add((-1, CountedIn(root) - (_counted[v] ? 1 : 0) - separated.Sum(CountedIn), first[^1]));
        return parts;
    }

    /// <summary>The index of the separated subtree holding w, or −1 when w lies in the rest.</summary>
    private int PartOf(int w, List<int> separated, int[] starts)
    {
        var i = Array.BinarySearch(starts, _discovery[w]);
        if (i < 0)
            i = ~i - 1;
        return i >= 0 && _discovery[w] < starts[i] + _size[separated[i]] ? i : -1;
    }

    /// <summary>Pairs of counted nodes connected before v leaves and not after.</summary>
    public long Pairs(int v)
    {
        var parts = Parts(v);
        var total = parts.Sum(p => p.Counted);
        return total * (total - 1) / 2 - parts.Sum(p => p.Counted * (p.Counted - 1) / 2);
    }

    /// <summary>The counted nodes outside the largest part left when v leaves.</summary>
    public List<int> CutOff(int v)
    {
        var parts = Parts(v);
        if (parts.Count < 2)
            return [];
        var largest = parts.OrderByDescending(p => p.Counted).ThenBy(p => p.First).First();
        var cutOff = new List<int>();
        foreach (var part in parts.Where(p => p != largest))
        {
            if (part.Child >= 0)
            {
                for (var t = _discovery[part.Child]; t < _discovery[part.Child] + _size[part.Child]; t++)
                {
                    if (_counted[_visit[t]])
                        cutOff.Add(_visit[t]);
                }
                continue;
            }
            // The rest: the component in visiting order, the separated subtrees skipped whole.
            var root = _root[v];
            var skip = parts.Where(p => p.Child >= 0).ToDictionary(p => _discovery[p.Child], p => _size[p.Child]);
            for (var t = _discovery[root]; t < _discovery[root] + _size[root]; t++)
            {
                if (skip.TryGetValue(t, out var size))
                {
                    t += size - 1;
                    continue;
                }
                var w = _visit[t];
                if (w != v && _counted[w])
                    cutOff.Add(w);
            }
        }
        return cutOff;
    }

    /// <summary>How many counted nodes are outside the largest part left when v leaves.</summary>
    public long CutOffCount(int v)
    {
        var parts = Parts(v);
        return parts.Count < 2 ? 0 : parts.Sum(p => p.Counted) - parts.OrderByDescending(p => p.Counted).ThenBy(p => p.First).First().Counted;
    }
}
