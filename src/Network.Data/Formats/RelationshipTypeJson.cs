using System.Text.Json;
using System.Text.Json.Serialization;
using Network.Analysis.Domain;

namespace Network.Data.Formats;

/// <summary>
/// Relationship types in the API as the documentation, the CSV files and Neo4j spell them (PARTNERS_WITH); the .NET
/// names (PartnersWith) are accepted too. A wrong type is refused with the list of valid ones.
/// </summary>
public sealed class RelationshipTypeJson : JsonConverter<RelationshipType>
{
    public override RelationshipType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (RelationshipTypes.TryParse(text, out var type) || Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(text, out _))
            return type;
        throw new JsonException($"'{text}' is not a relationship type; use one of {string.Join(", ", RelationshipTypes.Schema.Select(s => s.Name))}.");
    }

    public override void Write(Utf8JsonWriter writer, RelationshipType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(RelationshipTypes.Name(value));
}
