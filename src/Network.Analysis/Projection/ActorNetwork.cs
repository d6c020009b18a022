using Network.Analysis.Domain;
using Network.Analysis.Graphs;

namespace Network.Analysis.Projection;

/// <summary>What is known of an actor for explaining what it bridges. Values may be null (unknown).</summary>
public sealed record Actor(string Id, string Name, NodeLabel Label, string Kind, string? Sector, string? City, string? Region, string? Country, bool Synthetic);

/// <summary>
/// Organisations and people in one network, so that a person who links organisations (a board seat, a shared delegation)
/// is a node that can be a broker. Organisation–organisation ties come from shared agreements, events and direct
/// partnerships (as in <see cref="OrganisationProjection"/>, without the person reason); a person is tied to each
/// organisation they work for and to each organisation that took part in an event with them.
/// </summary>
public sealed class ActorNetwork
{
    private ActorNetwork(WeightedGraph graph, IReadOnlyList<Actor> actors, OrganisationNetwork organisations)
    {
        Graph = graph;
        Actors = actors;
        Organisations = organisations;
    }

    public WeightedGraph Graph { get; }

    /// <summary>In the graph's node order.</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>The organisation projection it was built from (with all its reasons).</summary>
    public OrganisationNetwork Organisations { get; }

    public static ActorNetwork Build(NetworkGraph graph, DateOnly? asOf = null)
    {
        var organisations = OrganisationProjection.Project(graph, asOf);
        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => nodes.GetValueOrDefault(r.To) is City)
            .GroupBy(r => r.From)
            .ToDictionary(g => g.Key, g => (City)nodes[g.First().To]);

        bool InForce(Relationship r) => asOf is not { } d || ((r.Since ?? DateOnly.MinValue) <= d && d <= (r.Until ?? DateOnly.MaxValue));
        var worksFor = graph.OfType(RelationshipType.WorksFor).Where(InForce).ToList();
        var active = worksFor.Select(r => r.From).Concat(graph.OfType(RelationshipType.ParticipatedIn).Select(r => r.From)).ToHashSet(StringComparer.Ordinal);
        var people = graph.OfType<Person>().Where(p => active.Contains(p.Id)).ToList();

        var actors = new List<Actor>();
        foreach (var o in organisations.Organisations)
        {
            var city = cityOf.GetValueOrDefault(o.Id);
            actors.Add(new Actor(o.Id, o.Name, NodeLabel.Organisation, o.Kind, o.Sectors.Count > 0 ? o.Sectors[0] : null, city?.Name, city?.Region, city?.Country ?? o.Country, IsSynthetic(o)));
        }
        var homeOf = worksFor.GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.First().To);
        var actorIndex = actors.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var p in people)
        {
            var home = homeOf.TryGetValue(p.Id, out var org) && actorIndex.TryGetValue(org, out var at) ? actors[at] : null;
            actors.Add(new Actor(p.Id, p.Name, NodeLabel.Person, "person", home?.Sector, home?.City, home?.Region, home?.Country, IsSynthetic(p)));
        }

        var edges = new List<(string, string, double)>();
        foreach (var tie in organisations.Ties)
        {
            var weight = tie.Reasons.Where(r => r.Kind != TieKind.Person).Sum(r => r.Weight);
            if (weight > 0)
                edges.Add((tie.A, tie.B, weight));
        }
        var isOrganisation = organisations.Organisations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var r in worksFor.Where(r => isOrganisation.Contains(r.To)))
            edges.Add((r.From, r.To, 1));
        foreach (var group in graph.OfType(RelationshipType.ParticipatedIn).GroupBy(r => r.To))
        {
            if (asOf is { } date && nodes.GetValueOrDefault(group.Key) is Event { Date: { } held } && held > date)
                continue;
            var orgs = group.Where(r => isOrganisation.Contains(r.From)).Select(r => r.From).Distinct().ToList();
            foreach (var person in group.Where(r => nodes.GetValueOrDefault(r.From) is Person).Select(r => r.From).Distinct())
            {
                foreach (var o in orgs)
                    edges.Add((person, o, 1));
            }
        }
        var weighted = WeightedGraph.FromEdges(actors.Select(a => a.Id), edges);
        return new ActorNetwork(weighted, actors, organisations);
    }

    private static bool IsSynthetic(Node node) => node.Source.StartsWith(Synthetic.EcosystemGenerator.SourcePrefix, StringComparison.Ordinal);
}
