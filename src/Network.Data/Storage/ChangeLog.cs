using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// One record touched by a write, with its stored form (JSON, as <see cref="Formats.GraphJson"/> writes it) before and
/// after; null before for an addition, null after for a deletion.
/// </summary>
/// <param name="Kind">"node" or "relationship".</param>
/// <param name="Id">The node's id, or the relationship's key written as (from)-[:TYPE]->(to).</param>
/// <param name="Label">The node label or relationship type.</param>
public sealed record ChangeItem(string Kind, string Id, string Label, string Name, string? Before, string? After)
{
    public string Action => Before is null ? "added" : After is null ? "deleted" : "changed";

    /// <summary>The fields a change gave another value, in words ("name", "member since"); empty for an addition or deletion.</summary>
    public IReadOnlyList<string> ChangedFields()
    {
        if (Before is null || After is null)
            return [];
        using var before = System.Text.Json.JsonDocument.Parse(Before);
        using var after = System.Text.Json.JsonDocument.Parse(After);
        var was = before.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        var now = after.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        return was.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(name => was.GetValueOrDefault(name) != now.GetValueOrDefault(name))
            .Select(Words)
            .ToList();
    }

    /// <summary>"memberSince" → "member since".</summary>
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>"the name and website of Capricorn Partners", "name, website and city": a list as a sentence says it.</summary>
    public static string List(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];
}

/// <summary>What a write says about itself for the history: who, through what, in a few words, and the records it touched.</summary>
/// <param name="Via">Where it came from: "form", "api", "import: files…", "merge", "undo", "what-if", "revert".</param>
/// <param name="ItemCount">Records touched in all; <paramref name="Items"/> holds at most <see cref="ChangeNote.MaxItems"/> of them.</param>
public sealed record ChangeNote(string By, string Via, string Summary, IReadOnlyList<ChangeItem> Items, int ItemCount)
{
    public const int MaxItems = 200;

    /// <summary>The node ids the write touched (a relationship touches both ends), for the history of one record.</summary>
    public IReadOnlyList<string> NodeIds { get; init; } = [];
}

/// <summary>One entry of a dataset's change history: the data version the write made and when it was committed.</summary>
public sealed record ChangeEntry(long Version, DateTimeOffset At, string By, string Via, string Summary, IReadOnlyList<ChangeItem> Items, int ItemCount);

/// <summary>Which history entries to read, newest first.</summary>
public sealed record ChangeQuery(DateTimeOffset? Since = null, string? By = null, string? Node = null, int Limit = 100, long? Version = null);

public static class ChangeItems
{
    public static string RelationshipId(RelationshipKey key) => key.ToString();
}
