using Network.Analysis.Brokerage;
using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Projection;
using Network.Analysis.Structure;

namespace Network.Analysis.Insights;

/// <summary>Open pairs a broker spans between two groups of one attribute, e.g. city "Leuven" ↔ "Wuxi": 3.</summary>
public sealed record GroupBridge(string Attribute, string From, string To, int Pairs);

public sealed record BrokerProfile(
    string Id,
    string Name,
    string Label,
    double Score,
    int Rank,
    double Betweenness,
    double? Constraint,
    double? EffectiveSize,
    int OpenPairs,
    int CrossGroupPairs,
    IReadOnlyList<GroupBridge> Bridges,
    BrokerageRoles Roles,
    bool IsArticulationPoint,
    int Community);

/// <summary>
/// Broker profiles for every organisation and person of the <see cref="ActorNetwork"/>, best first, ranked within
/// organisations and within people.
/// Score = 0.25 · betweenness / max betweenness + 0.05 · (1 − constraint) + 0.1 · cross-group pairs / max cross-group
/// pairs + 0.35 · min(1, organisations cut off if it leaves / half the organisations) + 0.25 · bridge share, where the
/// bridge share is the largest share, over the other communities of three or more, of the tie weight between its own
/// community and that one which runs over its own ties (1 for the only tie between two communities),
/// where cross-group pairs are the open pairs a–v–b (a, b not tied) whose ends differ in sector, city, country,
/// organisation kind or community (one count per attribute that differs), and the organisations cut off are those outside
/// the largest remaining part of its component without it (<see cref="Fragility.SinglePointsOfFailure"/>). The split term puts
/// the actor the ecosystem cannot lose — a sole bridge between two clusters — above a well-connected broker inside one
/// cluster, whose open pairs are many but whose departure cuts little. Betweenness follows <see cref="ShortestPaths"/>
/// (sampled above 20,000 actors); constraint is Burt's; Gould–Fernandez roles use the Leiden communities as groups.
/// </summary>
public static class BrokerProfiles
{
    public static readonly IReadOnlyList<string> Attributes = ["sector", "city", "country", "kind", "community"];

    /// <summary>Above this many actors betweenness is estimated from <see cref="Samples"/> sources (as the metrics do).</summary>
    public const int SampledAbove = 20_000, Samples = 500;

    /// <param name="betweenness">The actor graph's betweenness where it is known already (the actor graph of a dataset
    /// without people is its organisation graph, whose metrics computed it): the most expensive part, not done twice.</param>
    public static IReadOnlyList<BrokerProfile> Compute(ActorNetwork network, int seed = 42, IReadOnlyDictionary<string, string>? names = null, double[]? betweenness = null)
    {
        var graph = network.Graph;
        var n = graph.NodeCount;
        if (betweenness is not null && betweenness.Length != n)
            throw new ArgumentException($"{betweenness.Length} betweenness values for {n} actors.", nameof(betweenness));
        betweenness ??= ShortestPaths.Compute(graph, n > SampledAbove ? Samples : null, seed).Betweenness;
        var holes = StructuralHoles.Compute(graph);
        var communities = Leiden.Detect(graph, seed: seed);
        var roles = GouldFernandez.Compute(graph, communities.Community);
        var (points, _) = Connectivity.CutPointsAndBridges(graph);
        var articulation = points.ToHashSet();

        string? Value(int v, string attribute) => attribute switch
        {
            "sector" => network.Actors[v].Sector is { } s ? names?.GetValueOrDefault(s) ?? s : null,
            "city" => network.Actors[v].City,
            "country" => network.Actors[v].Country,
            // People have no organisation kind; comparing them with organisations would only say "person".
            "kind" => network.Actors[v].Label == Domain.NodeLabel.Person ? null : network.Actors[v].Kind,
            _ => (communities.Community[v] + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var (openPairs, cross, bridges) = GroupPairs.Count(graph, Attributes, Attributes.Select(a => Enumerable.Range(0, n).Select(v => Value(v, a)).ToArray()).ToArray(), 6);

        var isOrganisation = network.Actors.Select(a => a.Label == Domain.NodeLabel.Organisation).ToArray();
        // Measured against the ecosystem's size, not against the worst actor, so that cutting off one partner stays small
        // when nobody splits the ecosystem at all.
        var half = Math.Max(1.0, isOrganisation.Count(o => o) / 2.0);
        var split = new double[n];
        foreach (var v in points)
            split[v] = Math.Min(1, Fragility.PairsLostWithout(graph, v, isOrganisation).CutOff.Count / half);

        // Tie weight between each pair of communities, and each actor's part of it.
        var community = communities.Community;
        var sizes = community.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var between = new Dictionary<(int, int), double>();
        for (var u = 0; u < n; u++)
        {
            var neighbours = graph.Neighbours(u);
            var weights = graph.NeighbourWeights(u);
            for (var i = 0; i < neighbours.Length; i++)
            {
                if (community[u] != community[neighbours[i]])
                    between[(community[u], community[neighbours[i]])] = between.GetValueOrDefault((community[u], community[neighbours[i]])) + weights[i];
            }
        }
        var share = new double[n];
        for (var v = 0; v < n; v++)
        {
            var mine = new Dictionary<int, double>();
            var neighbours = graph.Neighbours(v);
            var weights = graph.NeighbourWeights(v);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var other = community[neighbours[i]];
                if (other != community[v] && sizes[other] >= 3 && sizes[community[v]] >= 3)
                    mine[other] = mine.GetValueOrDefault(other) + weights[i];
            }
            share[v] = mine.Count == 0 ? 0 : mine.Max(kv => kv.Value / between[(community[v], kv.Key)]);
        }

        var maxBetweenness = Math.Max(betweenness.DefaultIfEmpty(0).Max(), double.Epsilon);
        var maxCross = Math.Max(cross.DefaultIfEmpty(0).Max(), 1);
        var scored = Enumerable.Range(0, n).Select(v =>
        {
            var score = 0.25 * betweenness[v] / maxBetweenness
                + 0.05 * (1 - (holes.Constraint[v] ?? 1))
                + 0.1 * cross[v] / maxCross
                + 0.35 * split[v]
                + 0.25 * share[v];
            return (v, score);
        })
        // A person who links no two organisations (no open pair) is no broker: ranked after every person who is, so the
        // ranks of people who broker run 1, 2, 3 without gaps.
        .OrderBy(x => network.Actors[x.v].Label == Domain.NodeLabel.Person && openPairs[x.v] == 0 ? 1 : 0)
        .ThenByDescending(x => x.score).ThenBy(x => graph.Ids[x.v], StringComparer.Ordinal)
        .ToList();

        // Organisations and people are ranked separately: a person's ties are affiliations, not agreements.
        var rankWithinLabel = new Dictionary<Domain.NodeLabel, int>();
        return scored.Select(x =>
        {
            var v = x.v;
            var actor = network.Actors[v];
            var rank = rankWithinLabel[actor.Label] = rankWithinLabel.GetValueOrDefault(actor.Label) + 1;
            return new BrokerProfile(actor.Id, actor.Name, actor.Label.ToString(), x.score, rank, betweenness[v],
                holes.Constraint[v], holes.EffectiveSize[v], openPairs[v], cross[v], bridges[v], roles[v], articulation.Contains(v), communities.Community[v]);
        }).ToList();
    }
}
