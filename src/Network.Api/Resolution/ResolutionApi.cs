using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Analysis.Resolution;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Api.Hubs;
using Network.Api.Nodes;
using Network.Api.Storage;

namespace Network.Api.Resolution;

public sealed record MergeRequest(string Keep, string Drop);

public sealed record RejectRequest(string A, string B);

public sealed record MergeResult(string MergeId, long Version, int RelationshipsMoved);

/// <summary>What a merge replaced, so it can be undone exactly.</summary>
public sealed record MergeRecord(string Id, string Dataset, DateTimeOffset At, string By, Node KeepBefore, Node Drop,
    IReadOnlyList<Relationship> DropRelationships, IReadOnlyList<Relationship> KeepRelationshipsBefore, IReadOnlyList<RelationshipKey> Created, bool Undone);

/// <summary>
/// /api/datasets/{dataset}/resolution: merge suggestions with score and evidence; merges that keep every relationship
/// and both sources (one transaction, refused if either record changed meanwhile); rejections, which suggestions
/// then leave out; and undo of a merge. Merge records and rejections are kept as JSON beside the dataset's file.
/// </summary>
public static class ResolutionApi
{
    public static IEndpointRouteBuilder MapResolution(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets/{dataset}/resolution").WithTags("Entity resolution").AddEndpointFilter<ApiErrorFilter>();

        group.MapGet("/suggestions", async (string dataset, double? minimum, int? top, string? search, AnalysisService analysis, DatasetCatalog catalog, CancellationToken ct) =>
        {
            var snapshot = await analysis.GetAsync(dataset, null, ct);
            var suggestions = EntityResolution.Suggest(snapshot.Graph, minimum ?? 0.6, Rejected(catalog, dataset));
            return TypedResults.Ok(suggestions
                .Where(s => search is null || s.KeepName.Contains(search, StringComparison.OrdinalIgnoreCase) || s.DropName.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Take(Math.Clamp(top ?? 100, 1, 5000)).ToList());
        }).RequireAuthorization(Policies.Read).WithSummary("Records that may be the same organisation or city, best first, with evidence");

        group.MapPost("/merges", async Task<Ok<MergeResult>> (string dataset, MergeRequest request, HttpContext context, DatasetCatalog catalog, NetworkWriter writer, CancellationToken ct) =>
        {
            var store = catalog.Store(dataset);
            var keep = await store.GetVersionedNodeAsync(request.Keep, ct) ?? throw new KeyNotFoundException($"No node '{request.Keep}'.");
            var drop = await store.GetVersionedNodeAsync(request.Drop, ct) ?? throw new KeyNotFoundException($"No node '{request.Drop}'.");
            var around = await store.LoadSubgraphAsync([request.Keep, request.Drop], 1, ct);
            var plan = EntityResolution.PlanMerge(around, request.Keep, request.Drop);
            var keepRelationships = around.Relationships.Where(r => r.From == request.Keep || r.To == request.Keep).ToDictionary(r => r.Key);
            var record = new MergeRecord(Guid.NewGuid().ToString("N")[..12], dataset, DateTimeOffset.UtcNow, context.User.UserName(), keep.Value, drop.Value,
                around.Relationships.Where(r => r.From == request.Drop || r.To == request.Drop).ToList(),
                plan.Upserts.Where(r => keepRelationships.ContainsKey(r.Key)).Select(r => keepRelationships[r.Key]).ToList(),
                plan.Upserts.Where(r => !keepRelationships.ContainsKey(r.Key)).Select(r => r.Key).ToList(), false);
            var batch = new GraphBatch
            {
                Nodes = [plan.Keep],
                DeleteNodes = [request.Drop],
                Relationships = plan.Upserts,
                ExpectedNodeVersions = new Dictionary<string, long> { [request.Keep] = keep.Version, [request.Drop] = drop.Version },
            };
            var result = await writer.MergeAsync(dataset, batch, v => new MergeEvent(dataset, request.Keep, request.Drop, record.Id, false, v, record.By), ct);
            Save(catalog, record);
            return TypedResults.Ok(new MergeResult(record.Id, result.Version, plan.Upserts.Count));
        }).RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).WithSummary("Merge one record into another, keeping every relationship and both sources");

        group.MapPost("/merges/{mergeId}/undo", async Task<Ok<MergeResult>> (string dataset, string mergeId, HttpContext context, DatasetCatalog catalog, NetworkWriter writer, CancellationToken ct) =>
        {
            var record = Load(catalog, dataset, mergeId) ?? throw new KeyNotFoundException($"No merge '{mergeId}' in dataset '{dataset}'.");
            if (record.Undone)
                throw new BadHttpRequestException($"Merge '{mergeId}' was undone already.", StatusCodes.Status409Conflict);
            var store = catalog.Store(dataset);
            var keep = await store.GetVersionedNodeAsync(record.KeepBefore.Id, ct) ?? throw new KeyNotFoundException($"'{record.KeepBefore.Id}' no longer exists; the merge cannot be undone.");
            var batch = new GraphBatch
            {
                Nodes = [record.KeepBefore, record.Drop],
                Relationships = [.. record.DropRelationships, .. record.KeepRelationshipsBefore],
                DeleteRelationships = record.Created,
                ExpectedNodeVersions = new Dictionary<string, long> { [record.KeepBefore.Id] = keep.Version, [record.Drop.Id] = 0 },
            };
            var result = await writer.MergeAsync(dataset, batch, v => new MergeEvent(dataset, record.KeepBefore.Id, record.Drop.Id, record.Id, true, v, context.User.UserName()), ct);
            Save(catalog, record with { Undone = true });
            return TypedResults.Ok(new MergeResult(record.Id, result.Version, record.DropRelationships.Count));
        }).RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).WithSummary("Undo a merge: the dropped record and its relationships come back");

        group.MapPost("/rejections", (string dataset, RejectRequest request, DatasetCatalog catalog) =>
        {
            _ = catalog.Store(dataset);
            var path = Path.Combine(Folder(catalog, dataset), "rejected.json");
            var pairs = File.Exists(path) ? JsonSerializer.Deserialize<List<string[]>>(File.ReadAllText(path)) ?? [] : [];
            pairs.Add([request.A, request.B]);
            WriteAtomically(path, JsonSerializer.Serialize(pairs));
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Edit).WithSummary("Reject a suggestion: these two are different");

        return app;
    }

    private static string Folder(DatasetCatalog catalog, string dataset)
    {
        var folder = Path.Combine(catalog.DataFolder, "resolution", dataset);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static HashSet<(string, string)> Rejected(DatasetCatalog catalog, string dataset)
    {
        var path = Path.Combine(Folder(catalog, dataset), "rejected.json");
        return File.Exists(path)
            ? (JsonSerializer.Deserialize<List<string[]>>(File.ReadAllText(path)) ?? []).Select(p => (p[0], p[1])).ToHashSet()
            : [];
    }

    private static void Save(DatasetCatalog catalog, MergeRecord record) =>
        WriteAtomically(Path.Combine(Folder(catalog, record.Dataset), $"merge-{record.Id}.json"), JsonSerializer.Serialize(record, GraphJson.Options));

    private static MergeRecord? Load(DatasetCatalog catalog, string dataset, string id)
    {
        if (id.Any(c => !char.IsAsciiLetterOrDigit(c)))
            return null;
        var path = Path.Combine(Folder(catalog, dataset), $"merge-{id}.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<MergeRecord>(File.ReadAllText(path), GraphJson.Options) : null;
    }

    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
