namespace Network.Analysis.Domain;

/// <summary>A whole (or partial) multi-mode graph as read from a store or a file, at one data version.</summary>
public sealed record NetworkGraph(IReadOnlyList<Node> Nodes, IReadOnlyList<Relationship> Relationships, long Version)
{
    public static readonly NetworkGraph Empty = new([], [], 0);

    public IEnumerable<T> OfType<T>() where T : Node => Nodes.OfType<T>();

    public IReadOnlyDictionary<string, Node> NodesById() => Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

    public IEnumerable<Relationship> OfType(RelationshipType type) => Relationships.Where(r => r.Type == type);
}
