using System.Globalization;
using Network.Analysis.Domain;
using Network.Api.Datasets;
using Network.Data.Storage;

namespace Network.Api.Editing;

/// <summary>An organisation's city as a form or a script changes it: the LOCATED_IN relationship to drop and to add.</summary>
public sealed record CityChange(RelationshipKey? Drop, Relationship? Add)
{
    public static readonly CityChange None = new(null, null);
}

/// <summary>
/// Editing one record, for the record form and the API alike (page → this → the one writer): the id a new record gets
/// from its name, the source a record entered by hand carries, the city of an organisation as its LOCATED_IN
/// relationship, a relationship typed into the form, and the record's relationships with their versions.
/// </summary>
public sealed class RecordEditing(DatasetCatalog catalog, NetworkWriter writer)
{
    /// <summary>
    /// The id of a new record: its kind, its name as a lowercase slug (at most 40 characters) and six random hex digits
    /// ("org-leuven-biotech-hub-3f9a1c"), so two records of one name never share an id.
    /// </summary>
    public static string NewId(NodeLabel label, string? name)
    {
        var slug = Network.Analysis.Text.Names.Slug(name ?? "");
        if (slug.Length > 40)
            slug = slug[..40].Trim('-');
        return $"{label.ToString().ToLowerInvariant()[..3]}-{(slug.Length == 0 ? "record" : slug)}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    /// <summary>The source of what a person enters by hand: who, when, and through what ("entered by eva on 2026-12-04 (api)").</summary>
    public static string EnteredBy(string user, DateTimeOffset at, string? via = null) =>
        $"entered by {user} on {at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(via is null ? "" : $" ({via})")}";

    /// <summary>
    /// Moving an organisation from <paramref name="current"/> to <paramref name="chosen"/> (either may be none): nothing
    /// when they are the same; the new tie carries the record's source.
    /// </summary>
    public static CityChange MoveCity(string organisation, string? current, string? chosen, string source) => chosen == current
        ? CityChange.None
        : new CityChange(current is null ? null : new RelationshipKey(RelationshipType.LocatedIn, organisation, current),
            chosen is null ? null : new Relationship(RelationshipType.LocatedIn, organisation, chosen, source));

    /// <summary>Saves a record (new when <paramref name="version"/> is 0) with its city change, one change in the history.</summary>
    public Task SaveAsync(string dataset, Node node, long version, CityChange city, Author author, CancellationToken cancellationToken) =>
        writer.SaveRecordAsync(dataset, node, version, city.Add is null ? [] : [city.Add], city.Drop is null ? [] : [city.Drop.Value], author, cancellationToken);

    /// <summary>The record's relationships with their versions (for a save or removal that must still find them), in one read.</summary>
    public Task<IReadOnlyList<Versioned<Relationship>>> RelationshipsAsync(string dataset, string id, CancellationToken cancellationToken) =>
        catalog.Store(dataset).GetVersionedRelationshipsAsync(id, cancellationToken);
}
