using System.Text.Json.Serialization;

namespace Network.Analysis.Domain;

public enum NodeLabel { Organisation, Person, City, Agreement, Sector, Event }

/// <summary>
/// A node of the property graph. Ids are unique across all labels, so a relationship names its ends by id alone.
/// <see cref="Source"/> is the provenance: the document, sentence or import batch the fact comes from.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "label")]
[JsonDerivedType(typeof(Organisation), nameof(Organisation))]
[JsonDerivedType(typeof(Person), nameof(Person))]
[JsonDerivedType(typeof(City), nameof(City))]
[JsonDerivedType(typeof(Agreement), nameof(Agreement))]
[JsonDerivedType(typeof(Sector), nameof(Sector))]
[JsonDerivedType(typeof(Event), nameof(Event))]
public abstract record Node(string Id, string Source)
{
    [JsonIgnore]
    public abstract NodeLabel Label { get; }

    /// <summary>The name or title a person reads.</summary>
    [JsonIgnore]
    public abstract string DisplayName { get; }
}

public sealed record Organisation(string Id, string Name, string Kind, string Source) : Node(Id, Source)
{
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<string> Stages { get; init; } = [];
    public bool Member { get; init; }
    public DateOnly? MemberSince { get; init; }
    public string? Website { get; init; }

    /// <summary>ISO 3166-1 alpha-2, for organisations known only by country (no city).</summary>
    public string? Country { get; init; }

    /// <summary>A short name or acronym the source gives ("KU Leuven", "IMEC"); found by search.</summary>
    public string? ShortName { get; init; }

    /// <summary>
    /// The name as the source spells it when <see cref="Name"/> is its customary form (KATHOLIEKE UNIVERSITEIT LEUVEN
    /// for KU Leuven; see <see cref="Text.CustomaryNames"/>); shown on the record page and found by search.
    /// </summary>
    public string? LegalName { get; init; }

    /// <summary>Other names the organisation is known by (former names, names in other languages); found by search.</summary>
    public IReadOnlyList<string> OtherNames { get; init; } = [];

    [JsonIgnore]
    public override NodeLabel Label => NodeLabel.Organisation;

    [JsonIgnore]
    public override string DisplayName => Name;
}

public sealed record Person(string Id, string Name, string Source) : Node(Id, Source)
{
    public string? Role { get; init; }

    [JsonIgnore]
    public override NodeLabel Label => NodeLabel.Person;
    [JsonIgnore]
    public override string DisplayName => Name;
}

public sealed record City(string Id, string Name, string Country, string Source) : Node(Id, Source)
{
    public string? Region { get; init; }

    /// <summary>WGS 84 degrees, north positive; set together with <see cref="Longitude"/> and where they came from.</summary>
    public double? Latitude { get; init; }

    /// <summary>WGS 84 degrees, east positive.</summary>
    public double? Longitude { get; init; }

    /// <summary>Where the coordinates come from (e.g. "GeoNames (CC BY 4.0)"), when the city has them.</summary>
    public string? CoordinatesSource { get; init; }

    [JsonIgnore]
    public override NodeLabel Label => NodeLabel.City;
    [JsonIgnore]
    public override string DisplayName => Name;
}

public sealed record Agreement(string Id, string Title, string Kind, string Source) : Node(Id, Source)
{
    public DateOnly? SignedOn { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }

    [JsonIgnore]
    public override NodeLabel Label => NodeLabel.Agreement;
    [JsonIgnore]
    public override string DisplayName => Title;

    /// <summary>Whether the agreement is in force on <paramref name="date"/>; open ends count as in force.</summary>
    public bool IsValidOn(DateOnly date) =>
        (ValidFrom ?? SignedOn ?? DateOnly.MinValue) <= date && date <= (ValidTo ?? DateOnly.MaxValue);
}

public sealed record Sector(string Id, string Name, string Source) : Node(Id, Source)
{
    [JsonIgnore]
    public override NodeLabel Label => NodeLabel.Sector;
    [JsonIgnore]
    public override string DisplayName => Name;
}

public sealed record Event(string Id, string Title, string Kind, string Source) : Node(Id, Source)
{
    public DateOnly? Date { get; init; }

    [JsonIgnore]
    public override NodeLabel Label => NodeLabel.Event;
    [JsonIgnore]
    public override string DisplayName => Title;
}
