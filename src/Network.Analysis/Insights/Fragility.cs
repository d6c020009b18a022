using Network.Analysis.Centrality;
using Network.Analysis.Domain;
using Network.Analysis.Graphs;
using Network.Analysis.Projection;
using Network.Analysis.Structure;
using Network.Analysis.ValueChain;

namespace Network.Analysis.Insights;

/// <summary>An actor whose departure cuts the organisation network apart.</summary>
public sealed record SinglePointOfFailure(string Id, string Name, string Label, int Rank, long DisconnectedOrganisationPairs, int CutOffOrganisations, IReadOnlyList<string> CutOffExamples);

/// <summary>Two groups (cities, sectors, communities…) that lose every path between them.</summary>
public sealed record SeveredGroups(string Attribute, string From, string To);

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
    /// <summary>Value-chain gaps of the home region that exist only without the removed actor ("sector: kind stage").</summary>
    public IReadOnlyList<string> GapsOpened { get; init; } = [];

    /// <summary>Value-chain gaps that exist only with it (rare: e.g. a thin stage that becomes missing is opened and closed).</summary>
    public IReadOnlyList<string> GapsClosed { get; init; } = [];
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
    public static IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure(ActorNetwork network, int top = 20)
    {
        var graph = network.Graph;
        var (points, _) = Connectivity.CutPointsAndBridges(graph);
        var isOrganisation = network.Actors.Select(a => a.Label == NodeLabel.Organisation).ToArray();
        var results = new List<(int V, long Pairs, List<int> CutOff)>();
        foreach (var v in points)
        {
            var (pairs, cutOff) = PairsLostWithout(graph, v, isOrganisation);
            if (pairs > 0)
                results.Add((v, pairs, cutOff));
        }
        return results
            .OrderByDescending(r => r.Pairs).ThenBy(r => network.Actors[r.V].Name, StringComparer.Ordinal)
            .Take(top)
            .Select((r, i) => new SinglePointOfFailure(network.Actors[r.V].Id, network.Actors[r.V].Name, network.Actors[r.V].Label.ToString(), i + 1, r.Pairs, r.CutOff.Count,
                r.CutOff.Take(5).Select(c => network.Actors[c].Name).ToList()))
            .ToList();
    }

    /// <summary>
    /// Organisation pairs that were connected and are not once <paramref name="removed"/> is gone, and the organisations
    /// outside the largest remaining part of its component.
    /// </summary>
    internal static (long Pairs, List<int> CutOff) PairsLostWithout(WeightedGraph graph, int removed, bool[] isOrganisation)
    {
        var n = graph.NodeCount;
        var part = new int[n];
        Array.Fill(part, -1);
        part[removed] = -2;
        var sizes = new List<(int Part, int Organisations, List<int> Members)>();
        var queue = new int[n];
        foreach (var start in graph.Neighbours(removed))
        {
            if (part[start] != -1)
                continue;
            var id = sizes.Count;
            int head = 0, tail = 0;
            queue[tail++] = start;
            part[start] = id;
            var members = new List<int>();
            while (head < tail)
            {
                var v = queue[head++];
                if (isOrganisation[v])
                    members.Add(v);
                foreach (var w in graph.Neighbours(v))
                {
                    if (part[w] == -1)
                    {
                        part[w] = id;
                        queue[tail++] = w;
                    }
                }
            }
            sizes.Add((id, members.Count, members));
        }
        long total = sizes.Sum(s => (long)s.Organisations);
        long within = sizes.Sum(s => (long)s.Organisations * (s.Organisations - 1) / 2);
        var lost = total * (total - 1) / 2 - within;
        var largest = sizes.OrderByDescending(s => s.Organisations).FirstOrDefault();
        var cutOff = sizes.Where(s => s.Part != largest.Part).SelectMany(s => s.Members).ToList();
        return (lost, cutOff);
    }

    /// <param name="homeRegion">For the value-chain comparison; the default home region when null.</param>
    public static WhatIfReport WhatIf(NetworkGraph graph, string id, DateOnly? asOf = null, int seed = 42, IReadOnlyCollection<string>? homeRegion = null)
    {
        var removed = graph.Nodes.FirstOrDefault(n => n.Id == id)
            ?? throw new KeyNotFoundException($"No organisation, person or agreement with id '{id}'.");
        // A city leaving takes its twinnings and the seats of its organisations (which then count outside every region).
        if (removed is not (Organisation or Person or Agreement or Event or City))
            throw new ArgumentException($"'{id}' is a {removed.Label}; what-if takes an organisation, person, agreement, event or city.");
        var without = Scenario.Without(graph, id);

        var before = OrganisationProjection.Project(graph, asOf);
        var after = OrganisationProjection.Project(without, asOf);
        var beforeGraph = before.Graph;
        var afterGraph = after.Graph;

        // Compare on the organisations that remain.
        var remaining = after.Organisations.Select(o => o.Id).ToList();
        var componentBefore = Connectivity.Components(beforeGraph);
        var componentAfter = Connectivity.Components(afterGraph);
        long disconnected = 0;
        var beforeIndex = remaining.Select(beforeGraph.IndexOf).ToArray();
        for (var i = 0; i < remaining.Count; i++)
        {
            for (var j = i + 1; j < remaining.Count; j++)
            {
                if (componentBefore[beforeIndex[i]] == componentBefore[beforeIndex[j]] && componentAfter[i] != componentAfter[j])
                    disconnected++;
            }
        }
        // Cut off: separated from the largest remaining part of the component they were in.
        var mainPart = Enumerable.Range(0, remaining.Count)
            .GroupBy(i => componentBefore[beforeIndex[i]])
            .ToDictionary(g => g.Key, g => g.GroupBy(i => componentAfter[i]).OrderByDescending(p => p.Count()).First().Key);
        var cutOff = Enumerable.Range(0, remaining.Count)
            .Where(i => componentAfter[i] != mainPart[componentBefore[beforeIndex[i]]])
            .Select(i => after.Organisations[i].Name)
            .ToList();
        var isolated = Enumerable.Range(0, remaining.Count)
            .Where(i => afterGraph.Degree(i) == 0 && beforeGraph.Degree(beforeIndex[i]) > 0)
            .Select(i => after.Organisations[i].Name)
            .ToList();

        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn).Where(r => nodes.GetValueOrDefault(r.To) is City)
            .GroupBy(r => r.From).ToDictionary(g => g.Key, g => (City)nodes[g.First().To]);
        var severed = new List<SeveredGroups>();
        foreach (var (attribute, valueOf) in new (string, Func<Organisation, string?>)[]
        {
            ("city", o => cityOf.GetValueOrDefault(o.Id)?.Name),
            ("region", o => cityOf.GetValueOrDefault(o.Id)?.Region),
            ("sector", o => o.Sectors.Count > 0 ? nodes.GetValueOrDefault(o.Sectors[0])?.DisplayName : null),
        })
        {
            var linkedBefore = GroupLinks(before.Organisations, componentBefore, valueOf);
            var linkedAfter = GroupLinks(after.Organisations, componentAfter, valueOf);
            severed.AddRange(linkedBefore.Except(linkedAfter).Select(p => new SeveredGroups(attribute, p.Item1, p.Item2)));
        }

        var samples = beforeGraph.NodeCount > 2000 ? 200 : (int?)null;
        var pathsBefore = ShortestPaths.Compute(beforeGraph, samples, seed);
        var pathsAfter = ShortestPaths.Compute(afterGraph, samples, seed);
        var efficiencyBefore = Efficiency(beforeGraph, seed, samples);
        var efficiencyAfter = Efficiency(afterGraph, seed, samples);
        var longer = LongerPaths(beforeGraph, afterGraph, remaining, beforeIndex);
        var takeOver = Enumerable.Range(0, remaining.Count)
            .Select(i => new BrokerChange(remaining[i], after.Organisations[i].Name, pathsBefore.Betweenness[beforeIndex[i]], pathsAfter.Betweenness[i]))
            .Where(c => c.After > c.Before + 1e-12)
            .OrderByDescending(c => c.After - c.Before)
            .Take(5)
            .ToList();

        IReadOnlyCollection<string> home = homeRegion is { Count: > 0 } ? homeRegion : [Gaps.DefaultHomeRegion(graph)];
        var gapsBefore = Gaps.Analyse(graph, before, home).SelectMany(c => c.Gaps).Select(Gaps.Describe).ToHashSet();
        var gapsAfter = Gaps.Analyse(without, after, home).SelectMany(c => c.Gaps).Select(Gaps.Describe).ToHashSet();
        return new WhatIfReport(id, removed.DisplayName, removed.Label.ToString(), disconnected, cutOff, isolated, severed, efficiencyBefore, efficiencyAfter, longer, takeOver)
        {
            GapsOpened = gapsAfter.Except(gapsBefore).Order(StringComparer.Ordinal).ToList(),
            GapsClosed = gapsBefore.Except(gapsAfter).Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static HashSet<(string, string)> GroupLinks(IReadOnlyList<Organisation> organisations, int[] component, Func<Organisation, string?> valueOf)
    {
        var byComponent = organisations.Select((o, i) => (Value: valueOf(o), Component: component[i]))
            .Where(x => x.Value is not null)
            .GroupBy(x => x.Component, x => x.Value!);
        var links = new HashSet<(string, string)>();
        foreach (var group in byComponent)
        {
            var values = group.Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                for (var j = i + 1; j < values.Count; j++)
                    links.Add((values[i], values[j]));
            }
        }
        return links;
    }

    /// <summary>Global efficiency from the harmonic sums (sampled sources above 2,000 nodes, the same sources before and after).</summary>
    public static double Efficiency(WeightedGraph graph, int seed = 42, int? samples = null)
    {
        var n = graph.NodeCount;
        if (n < 2)
            return 0;
        var harmonic = HarmonicSums(graph, seed, samples);
        return harmonic.Sum / (harmonic.Sources * (n - 1.0));
    }

    private static (double Sum, int Sources) HarmonicSums(WeightedGraph graph, int seed, int? samples)
    {
        if (samples is null)
        {
            var all = ShortestPaths.Compute(graph);
            return (all.Harmonic!.Sum(), graph.NodeCount);
        }
        var sources = Enumerable.Range(0, graph.NodeCount).ToArray();
        new Random(seed).Shuffle(sources);
        var sum = 0.0;
        foreach (var s in sources.Take(samples.Value))
            sum += Distances(graph, s).Where(d => d > 0 && double.IsFinite(d)).Sum(d => 1 / d);
        return (sum, samples.Value);
    }

    private static int LongerPaths(WeightedGraph before, WeightedGraph after, List<string> remaining, int[] beforeIndex)
    {
        if (remaining.Count > 1500)
            return -1;
        var longer = 0;
        for (var i = 0; i < remaining.Count; i++)
        {
            var dBefore = Distances(before, beforeIndex[i]);
            var dAfter = Distances(after, i);
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

    /// <summary>Shortest 1/weight distances from one source (Dijkstra); infinity where unreachable.</summary>
    public static double[] Distances(WeightedGraph graph, int source)
    {
        var distance = new double[graph.NodeCount];
        Array.Fill(distance, double.PositiveInfinity);
        distance[source] = 0;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out var v, out var d))
        {
            if (d > distance[v])
                continue;
            var neighbours = graph.Neighbours(v);
            var weights = graph.NeighbourWeights(v);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var candidate = d + 1.0 / weights[i];
                if (candidate < distance[neighbours[i]])
                {
                    distance[neighbours[i]] = candidate;
                    queue.Enqueue(neighbours[i], candidate);
                }
            }
        }
        return distance;
    }
}
