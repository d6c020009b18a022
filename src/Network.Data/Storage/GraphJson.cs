using System.Text.Json;
using System.Text.Json.Serialization;
using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>The one JSON shape of nodes and relationships, used by the stores' property columns and by the API.</summary>
public static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(Node node) => JsonSerializer.Serialize(node, Options);

    public static Node DeserializeNode(string json) =>
        JsonSerializer.Deserialize<Node>(json, Options) ?? throw new JsonException("A stored node is empty.");

    public static string Serialize(Relationship rel) => JsonSerializer.Serialize(rel, Options);

    public static Relationship DeserializeRelationship(string json) =>
        JsonSerializer.Deserialize<Relationship>(json, Options) ?? throw new JsonException("A stored relationship is empty.");
}
