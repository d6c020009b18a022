namespace Network.Analysis.Domain;

public enum RelationshipType { WorksFor, LocatedIn, PartyTo, Concerns, ActiveIn, MemberOf, ParticipatedIn, PartnersWith, TwinnedWith }

/// <summary>A relationship is identified by its type and its two ends; writing the same key again replaces it.</summary>
public readonly record struct RelationshipKey(RelationshipType Type, string From, string To)
{
    public override string ToString() => $"({From})-[:{RelationshipTypes.Name(Type)}]->({To})";
}

/// <summary>
/// A directed, typed relationship. Which optional properties apply depends on the type
/// (see <see cref="RelationshipTypes.Schema"/>); <see cref="DomainRules"/> rejects the others.
/// </summary>
public sealed record Relationship(RelationshipType Type, string From, string To, string Source)
{
    public string? Role { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public IReadOnlyList<string> Stages { get; init; } = [];
    public string? Kind { get; init; }
    public double? Weight { get; init; }

    public RelationshipKey Key => new(Type, From, To);
}

/// <summary>What each relationship type connects and which properties it carries.</summary>
public sealed record RelationshipSchema(
    RelationshipType Type,
    string Name,
    IReadOnlyList<NodeLabel> FromLabels,
    IReadOnlyList<NodeLabel> ToLabels,
    IReadOnlyList<string> Properties);

public static class RelationshipTypes
{
    public static readonly IReadOnlyList<RelationshipSchema> Schema =
    [
        new(RelationshipType.WorksFor, "WORKS_FOR", [NodeLabel.Person], [NodeLabel.Organisation], ["role", "since", "until"]),
        new(RelationshipType.LocatedIn, "LOCATED_IN", [NodeLabel.Organisation, NodeLabel.Event], [NodeLabel.City], []),
        new(RelationshipType.PartyTo, "PARTY_TO", [NodeLabel.Organisation, NodeLabel.City], [NodeLabel.Agreement], ["role"]),
        new(RelationshipType.Concerns, "CONCERNS", [NodeLabel.Agreement], [NodeLabel.Sector], []),
        new(RelationshipType.ActiveIn, "ACTIVE_IN", [NodeLabel.Organisation], [NodeLabel.Sector], ["stages"]),
        new(RelationshipType.MemberOf, "MEMBER_OF", [NodeLabel.Organisation], [NodeLabel.Organisation], ["since"]),
        new(RelationshipType.ParticipatedIn, "PARTICIPATED_IN", [NodeLabel.Person, NodeLabel.Organisation], [NodeLabel.Event], ["role"]),
        new(RelationshipType.PartnersWith, "PARTNERS_WITH", [NodeLabel.Organisation], [NodeLabel.Organisation], ["kind", "weight", "since"]),
        new(RelationshipType.TwinnedWith, "TWINNED_WITH", [NodeLabel.City], [NodeLabel.City], ["since"]),
    ];

    public static RelationshipSchema Of(RelationshipType type) => Schema[(int)type];

    public static string Name(RelationshipType type) => Of(type).Name;

    /// <summary>
    /// Whether a relationship of this type reads one way (a person WORKS_FOR an organisation): all but partnerships and
    /// twinnings, which are mutual. Exports say it per edge, as their graphs are undirected (so are the analyses).
    /// </summary>
    public static bool Directed(RelationshipType type) => type is not (RelationshipType.PartnersWith or RelationshipType.TwinnedWith);

    public static bool TryParse(string? name, out RelationshipType type)
    {
        foreach (var schema in Schema)
        {
            if (string.Equals(schema.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = schema.Type;
                return true;
            }
        }
        type = default;
        return false;
    }
}
