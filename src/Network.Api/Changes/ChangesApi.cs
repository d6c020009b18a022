using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Api.Http;
using Network.Api.Nodes;
using Network.Data.Storage;

namespace Network.Api.Changes;

/// <summary>One field of a record that a change touched: its value before and after (as stored, in JSON).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// /api/datasets/{dataset}/changes: the history, newest first (?since=, ?user=, ?node=, ?limit=); and
/// POST …/changes/{version}/revert, which writes the records of one change back as they were — as a new change,
/// refused with 409 when a record has changed since.
/// </summary>
public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/datasets/{dataset}/changes", "Changes");

        group.MapGet("/", async Task<Ok<IReadOnlyList<ChangeEntry>>> (string dataset, string? since, string? user, string? node, int? limit, DatasetCatalog catalog, CancellationToken ct) =>
        {
            DateTimeOffset? from = since is null ? null
                : DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d
                : throw new BadHttpRequestException($"since '{since}' is not a date or time (yyyy-mm-dd or ISO 8601).");
            return TypedResults.Ok(await catalog.Store(dataset).GetChangesAsync(new ChangeQuery(from, user, node, Math.Clamp(limit ?? 100, 1, 1000)), ct));
        })
        .RequireAuthorization(Policies.Read)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("The change history, newest first: who changed what, when, through what, with before and after");

        group.MapPost("/{version:long}/revert", async Task<Ok<RevertResult>> (string dataset, long version, HttpContext context, ChangeReverter reverter, CancellationToken ct) =>
            TypedResults.Ok(await reverter.RevertAsync(dataset, version, context.User.Author("revert"), ct)))
        .RequireAuthorization(Policies.Edit)
        .RequireRateLimiting(AuthSetup.RateWrites)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable)
        .WithSummary("Undo one change, as a new change; 409 when a record it touched has changed since");

        return app;
    }

    /// <summary>The fields that differ between two stored forms of a record (JSON objects).</summary>
    public static IReadOnlyList<FieldChange> Fields(ChangeItem item)
    {
        static Dictionary<string, string> Read(string? json)
        {
            if (json is null)
                return [];
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject()
                .Where(p => p.Name is not ("label" or "type"))
                .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    // Lists read as lists: "research, pilot".
                    JsonValueKind.Array when p.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => string.Join(", ", p.Value.EnumerateArray().Select(e => e.GetString())),
                    _ => p.Value.GetRawText(),
                });
        }
        var (before, after) = (Read(item.Before), Read(item.After));
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
    }
}

public sealed record RevertResult(long Reverted, long Version, int Records);

/// <summary>Writes the records of one change back as they were before it, in one transaction, as a change of its own.</summary>
public sealed class ChangeReverter(DatasetCatalog catalog, NetworkWriter writer)
{
    public async Task<RevertResult> RevertAsync(string dataset, long version, Author by, CancellationToken ct = default)
    {
        var store = catalog.Store(dataset);
        var changes = await store.GetChangesAsync(new ChangeQuery(Version: version, Limit: 1), ct);
        var change = (changes.Count > 0 ? changes[0] : null)
            ?? throw new KeyNotFoundException($"No change {version} in dataset '{dataset}'.");
        if (change.Items.Count == 0 || change.Items.Count < change.ItemCount)
            throw new BadHttpRequestException($"Change {version} ({change.Summary}) is too large to revert record by record; import the earlier data again instead.", StatusCodes.Status409Conflict);

        var nodes = new List<Node>();
        var deleteNodes = new List<string>();
        var relationships = new List<Relationship>();
        var deleteRelationships = new List<RelationshipKey>();
        var expectedNodes = new Dictionary<string, long>();
        var expectedRelationships = new Dictionary<RelationshipKey, long>();
        foreach (var item in change.Items)
        {
            if (item.Kind == "node")
            {
                var now = await store.GetVersionedNodeAsync(item.Id, ct);
                // Only the state this change left may be reverted; a later change to the record wins.
                if ((item.After is null) != (now is null) || (now is not null && now.Version != version))
                    throw new ConcurrencyConflictException($"Node '{item.Id}'", version, now?.Version);
                expectedNodes[item.Id] = now?.Version ?? 0;
                if (item.Before is null)
                    deleteNodes.Add(item.Id);
                else
                    nodes.Add(GraphJson.DeserializeNode(item.Before));
            }
            else
            {
                var after = item.After is null ? null : GraphJson.DeserializeRelationship(item.After);
                var before = item.Before is null ? null : GraphJson.DeserializeRelationship(item.Before);
                var key = (after ?? before)!.Key;
                var now = await store.GetVersionedRelationshipAsync(key, ct);
                if ((after is null) != (now is null) || (now is not null && now.Version != version))
                    throw new ConcurrencyConflictException($"Relationship {key}", version, now?.Version);
                // A relationship deleted with its node comes back with the node; nothing to expect of it then.
                if (now is not null)
                    expectedRelationships[key] = now.Version;
                if (before is null)
                    deleteRelationships.Add(key);
                else
                    relationships.Add(before);
            }
        }
        var batch = new GraphBatch
        {
            Nodes = nodes,
            DeleteNodes = deleteNodes,
            Relationships = relationships,
            DeleteRelationships = deleteRelationships.Where(k => !deleteNodes.Contains(k.From) && !deleteNodes.Contains(k.To)).ToList(),
            ExpectedNodeVersions = expectedNodes,
            ExpectedRelationshipVersions = expectedRelationships.Where(kv => !deleteNodes.Contains(kv.Key.From) && !deleteNodes.Contains(kv.Key.To)).ToDictionary(),
        };
        var result = await writer.RevertAsync(dataset, batch, new Author(by.By, "revert"), $"reverted change {version} ({change.Summary})", ct);
        return new RevertResult(version, result.Version, change.Items.Count);
    }
}
