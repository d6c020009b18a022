using Network.Analysis.Domain;
using Network.Analysis.Graphs;

namespace Network.Analysis.Projection;

public enum TieKind { Agreement, Person, Event, Partnership }

/// <summary>One reason two organisations are tied: the agreement, person, event or partnership they share.</summary>
public sealed record TieReason(TieKind Kind, string Via, string Label, double Weight);

/// <summary>A tie of the organisation network; its weight is the sum of its reasons' weights.</summary>
public sealed record OrganisationTie(string A, string B, double Weight, IReadOnlyList<TieReason> Reasons)
{
    /// <summary>Only a partnership that a survey has from one side: shown as such (dashed) until the other side names it.</summary>
    public bool Unconfirmed => Reasons.All(r => r.Kind == TieKind.Partnership && r.Label.EndsWith(", unconfirmed", StringComparison.Ordinal));
}

/// <summary>The organisation–organisation network and, for every tie, why it exists.</summary>
public sealed class OrganisationNetwork
{
    private readonly Lazy<Dictionary<(string, string), OrganisationTie>> _ties;

    internal OrganisationNetwork(WeightedGraph graph, IReadOnlyList<Organisation> organisations, IReadOnlyList<OrganisationTie> ties, DateOnly? asOf)
    {
        Graph = graph;
        Organisations = organisations;
        Ties = ties;
        AsOf = asOf;
        _ties = new(() => ties.ToDictionary(t => (t.A, t.B)));
    }

    public WeightedGraph Graph { get; }

    /// <summary>In the graph's node order.</summary>
    public IReadOnlyList<Organisation> Organisations { get; }

    public IReadOnlyList<OrganisationTie> Ties { get; }

    public DateOnly? AsOf { get; }

    public OrganisationTie? Tie(string a, string b) =>
        _ties.Value.GetValueOrDefault(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));

    /// <summary>Whether the two organisations are tied, read from the graph (no table of the ties' reasons is built).</summary>
    public bool Tied(string a, string b) =>
        Graph.IndexOf(a) is var u and >= 0 && Graph.IndexOf(b) is var v and >= 0 && Graph.Weight(u, v) > 0;

    /// <summary>
    /// The projection of the same data without one node, derived from this one instead of projected again (what-if):
    /// without an organisation, its ties go and every other tie stays as it is (a tie's reasons are what its two
    /// organisations share, never a third organisation); without an agreement, person or event, the ties it gave lose
    /// that reason, and those with no reason left go. Anything else (a city, a sector) changes no tie. The result equals
    /// <see cref="OrganisationProjection.Project"/> of the data without the node; unchanged ties are shared, not copied.
    /// </summary>
    public OrganisationNetwork Without(string id)
    {
        if (Graph.IndexOf(id) is var index and >= 0)
        {
            return new OrganisationNetwork(Graph.WithoutNode(index), Organisations.Where(o => o.Id != id).ToList(),
                Ties.Where(t => t.A != id && t.B != id).ToList(), AsOf);
        }
        bool Gives(TieReason r) => r.Kind != TieKind.Partnership && r.Via == id;
        if (!Ties.Any(t => t.Reasons.Any(Gives)))
            return this;
        var ties = new List<OrganisationTie>(Ties.Count);
        foreach (var tie in Ties)
        {
            if (!tie.Reasons.Any(Gives))
            {
                ties.Add(tie);
                continue;
            }
            var reasons = tie.Reasons.Where(r => !Gives(r)).ToList();
            if (reasons.Count > 0)
                ties.Add(tie with { Weight = reasons.Sum(r => r.Weight), Reasons = reasons });
        }
        return With(Organisations, ties);
    }

    private OrganisationNetwork With(IReadOnlyList<Organisation> organisations, IReadOnlyList<OrganisationTie> ties) =>
        new(WeightedGraph.FromEdges(organisations.Select(o => o.Id), ties.Select(t => (t.A, t.B, t.Weight))), organisations, ties, AsOf);
}

/// <summary>
/// Projects the multi-mode graph onto organisations (DESIGN.md, "Projection"): two organisations are tied when they are
/// parties to the same agreement, have the same person working for both, took part in the same event, or partner
/// directly. Each shared agreement, person and event adds 1 to the tie weight; a partnership adds its own weight
/// (1 when unset). With <c>asOf</c>, only agreements valid on that date, affiliations running on it and events held
/// by it count.
/// </summary>
public static class OrganisationProjection
{
    public static OrganisationNetwork Project(NetworkGraph graph, DateOnly? asOf = null)
    {
        var organisations = graph.OfType<Organisation>().ToList();
        var isOrganisation = organisations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var nodes = graph.NodesById();
        var reasons = new Dictionary<(string, string), List<TieReason>>();

        void Add(string a, string b, TieReason reason)
        {
            if (a == b)
                return;
            var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            if (!reasons.TryGetValue(key, out var list))
                reasons[key] = list = [];
            list.Add(reason);
        }

        void AddGroup(TieKind kind, string via, IEnumerable<string> members)
        {
            var distinct = members.Where(isOrganisation.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (distinct.Count < 2)
                return;
            var label = nodes.TryGetValue(via, out var node) ? node.DisplayName : via;
            for (var i = 0; i < distinct.Count; i++)
            {
                for (var j = i + 1; j < distinct.Count; j++)
                    Add(distinct[i], distinct[j], new TieReason(kind, via, label, 1));
            }
        }

        bool InForce(Relationship r) =>
            asOf is not { } date || ((r.Since ?? DateOnly.MinValue) <= date && date <= (r.Until ?? DateOnly.MaxValue));

        foreach (var group in graph.OfType(RelationshipType.PartyTo).GroupBy(r => r.To))
        {
            if (asOf is { } date && nodes.GetValueOrDefault(group.Key) is Agreement agreement && !agreement.IsValidOn(date))
                continue;
            AddGroup(TieKind.Agreement, group.Key, group.Select(r => r.From));
        }
        foreach (var group in graph.OfType(RelationshipType.WorksFor).Where(InForce).GroupBy(r => r.From))
            AddGroup(TieKind.Person, group.Key, group.Select(r => r.To));
        foreach (var group in graph.OfType(RelationshipType.ParticipatedIn).GroupBy(r => r.To))
        {
            if (asOf is { } date && nodes.GetValueOrDefault(group.Key) is Event { Date: { } held } && held > date)
                continue;
            AddGroup(TieKind.Event, group.Key, group.Select(r => r.From));
        }
        // A partnership is one tie however many sides recorded it: named by both (two records, one each way, as a
        // survey makes them) it is confirmed and weighs the mean of the two strengths; a survey tie named by one side
        // only is unconfirmed.
        var partnerships = graph.OfType(RelationshipType.PartnersWith).Where(InForce)
            .Where(p => isOrganisation.Contains(p.From) && isOrganisation.Contains(p.To))
            .GroupBy(p => string.CompareOrdinal(p.From, p.To) < 0 ? (A: p.From, B: p.To) : (A: p.To, B: p.From));
        foreach (var pair in partnerships)
        {
            var sides = pair.ToList();
            var kinds = string.Join(", ", sides.Where(p => p.Kind is not null).SelectMany(p => p.Kind!.Split(", ")).Distinct(StringComparer.Ordinal));
            var label = kinds.Length > 0 ? $"partnership ({kinds})" : "partnership";
            if (Confirmation(sides) is { } confirmation)
                label += ", " + confirmation;
            Add(pair.Key.A, pair.Key.B, new TieReason(TieKind.Partnership, $"{pair.Key.A}|{pair.Key.B}", label, sides.Average(p => p.Weight ?? 1)));
        }

        var ties = reasons
            .Select(kv => new OrganisationTie(kv.Key.Item1, kv.Key.Item2, kv.Value.Sum(r => r.Weight), kv.Value))
            .OrderBy(t => t.A, StringComparer.Ordinal).ThenBy(t => t.B, StringComparer.Ordinal)
            .ToList();
        var ids = organisations.Select(o => o.Id).ToList();
        var weighted = WeightedGraph.FromEdges(ids, ties.Select(t => (t.A, t.B, t.Weight)));
        return new OrganisationNetwork(weighted, organisations, ties, asOf);
    }

    /// <summary>Where a survey wrote it: a source that names a survey ("survey 'Partners 2026', answered by …").</summary>
    public static bool FromSurvey(Relationship relationship) => relationship.Source.StartsWith("survey '", StringComparison.Ordinal);

    /// <summary>
    /// "confirmed by both" when both sides recorded the partnership, "unconfirmed" when a survey has it from one side
    /// only, null otherwise (a partnership from a document needs no confirmation).
    /// </summary>
    public static string? Confirmation(IReadOnlyCollection<Relationship> sides) =>
        sides.Select(p => p.From).Distinct(StringComparer.Ordinal).Count() == 2 ? "confirmed by both"
        : sides.Any(FromSurvey) ? "unconfirmed" : null;
}
