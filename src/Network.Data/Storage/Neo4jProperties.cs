using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// A record's fields as native Neo4j properties, so the graph is queryable as it stands in Neo4j Browser, Bloom or GDS
/// (<c>MATCH (o:Organisation) WHERE o.kind = 'university'</c>, <c>'health' IN o.sectors</c>, <c>a.validFrom &lt; date()</c>):
/// text, numbers and truth values as they are, lists as lists, dates as Neo4j dates. The property names are the API's
/// JSON names. Dates travel as text in their own map and the statement turns each into a date with <c>date()</c>
/// (<see cref="DateFieldsOf(NodeLabel)"/> names them per label). A value Neo4j cannot hold as a property (a map) is
/// kept as its JSON text.
/// </summary>
public static class Neo4jProperties
{
    /// <summary>The record's properties (dates left out) and its dates as yyyy-mm-dd text, by JSON name.</summary>
    public static (Dictionary<string, object?> Properties, Dictionary<string, object?> Dates) Of(object record)
    {
        var element = JsonSerializer.SerializeToElement(record, record is Node ? typeof(Node) : record.GetType(), GraphJson.Options);
        var dates = DateFieldsOf(record.GetType());
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        var dated = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            if (dates.Contains(field.Name))
                dated[field.Name] = field.Value.GetString();
            else if (Native(field.Value) is { } value)
                properties[field.Name] = value;
        }
        return (properties, dated);
    }

    /// <summary>
    /// A node's row for the upsert statements (<see cref="Neo4jNetworkStore.UpsertNodes"/>): its id, its properties —
    /// every field, plus the dataset, label and display name it is found by — and its dates.
    /// </summary>
    public static Dictionary<string, object?> NodeRow(Node node, string dataset)
    {
        var (props, dates) = Of(node);
        (props["dataset"], props["id"], props["label"], props["name"]) = (dataset, node.Id, node.Label.ToString(), node.DisplayName);
        return new() { ["id"] = node.Id, ["props"] = props, ["dates"] = dates };
    }

    /// <summary>A relationship's row for <see cref="Neo4jNetworkStore.UpsertRelationships"/>: its ends, its fields (its type and ends are the Neo4j relationship's own) and its dates.</summary>
    public static Dictionary<string, object?> RelationshipRow(Relationship relationship)
    {
        var (props, dates) = Of(relationship);
        foreach (var own in (string[])["type", "from", "to"])
            props.Remove(own);
        return new() { ["from"] = relationship.From, ["to"] = relationship.To, ["props"] = props, ["dates"] = dates };
    }

    /// <summary>The props map of a row, for what a writer adds to it.</summary>
    public static Dictionary<string, object?> PropsOf(Dictionary<string, object?> row) => (Dictionary<string, object?>)row["props"]!;

    /// <summary>The JSON names of a node label's date fields.</summary>
    public static IReadOnlyList<string> DateFieldsOf(NodeLabel label) => DateFieldsOf(NodeTypes[label]);

    /// <summary>The JSON names of a relationship's date fields.</summary>
    public static IReadOnlyList<string> RelationshipDateFields { get; } = DateFieldsOf(typeof(Relationship));

    private static readonly Dictionary<NodeLabel, Type> NodeTypes = typeof(Node).GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => Enum.Parse<NodeLabel>((string)a.TypeDiscriminator!), a => a.DerivedType);

    private static IReadOnlyList<string> DateFieldsOf(Type type) =>
        [.. type.GetProperties().Where(p => Nullable.GetUnderlyingType(p.PropertyType) == typeof(DateOnly) || p.PropertyType == typeof(DateOnly))
            .Select(p => GraphJson.Options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name).Order(StringComparer.Ordinal)];

    private static object? Native(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) =>
            value.EnumerateArray().Select(Native).Where(v => v is not null).ToList(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>The SET clauses that turn the dates of <paramref name="row"/> into Neo4j dates on <paramref name="variable"/>.</summary>
    public static string SetDates(string variable, IEnumerable<string> fields, string row = "row") =>
        string.Concat(fields.Select(f => $" SET {variable}.{f} = date({row}.dates.{f})"));
}
