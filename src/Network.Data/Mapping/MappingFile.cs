using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Data.Mapping;

/// <summary>Where one value comes from: a column (with an optional prefix and value translations), a constant, or a template of "{column}" placeholders.</summary>
public sealed record FieldSpec
{
    public string? Column { get; init; }
    public string? Constant { get; init; }
    public string? Template { get; init; }
    public string? Prefix { get; init; }

    /// <summary>Used when the column is empty: a template such as "unnamed organisation (PIC {id})".</summary>
    public string? Fallback { get; init; }

    /// <summary>Translations of raw values, e.g. "HES" → "university". Raw values without a translation are kept.</summary>
    public Dictionary<string, string>? Values { get; init; }

    /// <summary>Make the value an id: lower case, accents removed, words joined by dashes ("Leuven Biotech Hub" → "leuven-biotech-hub").</summary>
    public bool Slug { get; init; }
}

/// <summary>A city given by a name column and a country column; matched to the cities already in the graph by name and country.</summary>
public sealed record CitySpec
{
    public required string Name { get; init; }
    public required string Country { get; init; }
    public Dictionary<string, string>? CountryValues { get; init; }

    /// <summary>Columns with the city's latitude and longitude in degrees (optional; both or neither).</summary>
    public string? Latitude { get; init; }

    public string? Longitude { get; init; }
}

public sealed record NodeMapping
{
    public required string File { get; init; }
    public required string Label { get; init; }
    public required FieldSpec Id { get; init; }
    public required FieldSpec Name { get; init; }
    public Dictionary<string, FieldSpec> Properties { get; init; } = [];

    /// <summary>For organisations and events: the city they are located in (a LOCATED_IN relationship).</summary>
    public CitySpec? City { get; init; }
}

public sealed record EndSpec
{
    public FieldSpec? Id { get; init; }
    public CitySpec? City { get; init; }
}

public sealed record RelationshipMapping
{
    public required string File { get; init; }
    public required string Type { get; init; }
    public required EndSpec From { get; init; }
    public required EndSpec To { get; init; }
    public Dictionary<string, FieldSpec> Properties { get; init; } = [];
}

/// <summary>
/// A mapping file (JSON): which CSV file holds which node label or relationship type, and where each field comes
/// from. The same mapping drives the CLI (`network import DIR --mapping MAP`, `network analyze DIR`) and the API.
/// </summary>
public sealed record MappingFile
{
    public required string Name { get; init; }

    /// <summary>Provenance written on every record: the source of the data.</summary>
    public required string Source { get; init; }

    public List<NodeMapping> Nodes { get; init; } = [];
    public List<RelationshipMapping> Relationships { get; init; } = [];

    public const string DefaultFileName = "mapping.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static MappingFile Load(string path)
    {
        try
        {
            var mapping = JsonSerializer.Deserialize<MappingFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{Path.GetFileName(path)}: the mapping is empty.");
            if (mapping.Problems() is [var first, ..] problems)
                throw new InvalidDataException($"{Path.GetFileName(path)}: not a valid mapping: {first.Where} {first.Field} {first.Message}" + (problems.Count > 1 ? $" (and {problems.Count - 1} more)" : ""));
            return mapping;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a valid mapping: {e.Message}");
        }
    }

    /// <summary>
    /// What makes this mapping unusable before any file is read: missing parts written as null ("nodes": null, an
    /// "id": null, a relationship "from": null) and texts no file could hold. Empty when it can be used.
    /// </summary>
    public IReadOnlyList<Network.Analysis.Domain.ValidationError> Problems()
    {
        var problems = new List<Network.Analysis.Domain.ValidationError>();
        void Need(object? value, string where, string field)
        {
            if (value is null)
                problems.Add(new(where, field, "is missing (null); give it or leave the part out"));
        }
        void Text(string? value, string where, string field)
        {
            if (value is not null && Network.Analysis.Domain.DomainRules.Unwritable(value) is { } why)
                problems.Add(new(where, field, why));
        }
        void Field(FieldSpec? spec, string where, string field)
        {
            if (spec is null)
                return;
            foreach (var (name, value) in new[] { ("column", spec.Column), ("constant", spec.Constant), ("template", spec.Template), ("prefix", spec.Prefix), ("fallback", spec.Fallback) })
                Text(value, where, $"{field}.{name}");
            foreach (var (raw, value) in spec.Values ?? [])
            {
                Need(value, where, $"{field}.values.{raw}");
                Text(raw, where, $"{field}.values");
                Text(value, where, $"{field}.values");
            }
        }
        Need(Name, "mapping", "name");
        Need(Source, "mapping", "source");
        Text(Name, "mapping", "name");
        Text(Source, "mapping", "source");
        Need(Nodes, "mapping", "nodes");
        Need(Relationships, "mapping", "relationships");
        foreach (var (node, i) in (Nodes ?? []).Select((n, i) => (n, i)))
        {
            var where = $"nodes[{i}]";
            if (node is null)
            {
                Need(node, "mapping", where);
                continue;
            }
            Need(node.File, where, "file");
            Need(node.Label, where, "label");
            Need(node.Id, where, "id");
            Need(node.Name, where, "name");
            Need(node.Properties, where, "properties");
            Text(node.File, where, "file");
            Field(node.Id, where, "id");
            Field(node.Name, where, "name");
            foreach (var (property, spec) in node.Properties ?? [])
            {
                Need(spec, where, $"properties.{property}");
                Field(spec, where, $"properties.{property}");
            }
            if (node.City is { } city)
            {
                Need(city.Name, where, "city.name");
                Need(city.Country, where, "city.country");
            }
        }
        foreach (var (rel, i) in (Relationships ?? []).Select((r, i) => (r, i)))
        {
            var where = $"relationships[{i}]";
            if (rel is null)
            {
                Need(rel, "mapping", where);
                continue;
            }
            Need(rel.File, where, "file");
            Need(rel.Type, where, "type");
            Need(rel.From, where, "from");
            Need(rel.To, where, "to");
            Need(rel.Properties, where, "properties");
            Text(rel.File, where, "file");
            foreach (var (end, spec) in new[] { ("from", rel.From), ("to", rel.To) })
            {
                if (spec is not null && spec.Id is null && spec.City is null)
                    problems.Add(new(where, end, "gives neither an id nor a city"));
                Field(spec?.Id, where, $"{end}.id");
            }
            foreach (var (property, spec) in rel.Properties ?? [])
            {
                Need(spec, where, $"properties.{property}");
                Field(spec, where, $"properties.{property}");
            }
        }
        return problems;
    }
}
