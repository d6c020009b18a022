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
            return JsonSerializer.Deserialize<MappingFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{Path.GetFileName(path)}: the mapping is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a valid mapping: {e.Message}");
        }
    }
}
