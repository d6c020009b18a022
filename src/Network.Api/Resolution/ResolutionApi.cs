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
using Network.Api.Http;
using Network.Api.Hubs;
using Network.Api.Nodes;
using Network.Data.Storage;

namespace Network.Api.Resolution;

public sealed record MergeRequest(string Keep, string Drop);

public sealed record RejectRequest(string A, string B);

public sealed record MergeResult(string MergeId, long Version, int RelationshipsMoved);

/// <summary>What a merge replaced, so it can be undone exactly.</summary>
public sealed record MergeRecord(string Id, string Dataset, DateTimeOffset At, string By, Node KeepBefore, Node Drop,
    IReadOnlyList<Relationship> DropRelationships, IReadOnlyList<Relationship> KeepRelationshipsBefore, IReadOnlyList<RelationshipKey> Created, bool Undone);

/// <summary>
/// Entity resolution for one installation: suggestions (leaving out rejected pairs), merges that keep every
/// relationship and both sources (one transaction, refused if either record changed meanwhile), rejections, and undo.
/// Merge records and rejections are JSON files beside the datasets. The API and the web page both use this.
/// </summary>
public sealed class ResolutionService(DatasetCatalog catalog, AnalysisService analysis, NetworkWriter writer)
{
    public async Task<IReadOnlyList<MergeSuggestion>> SuggestAsync(string dataset, double minimum = EntityResolution.Threshold, CancellationToken ct = default)
    {
        var snapshot = await analysis.GetAsync(dataset, null, ct);
        var rejected = Rejected(dataset);
        return snapshot.Cached(Key("merge-suggestions", minimum, rejected), () => EntityResolution.Suggest(snapshot.Graph, minimum, rejected));
    }

    /// <summary>
    /// Suggestions are computed once per data version, threshold and set of rejections (a few seconds on CORDIS): the
    /// key names the rejections by their number and a fingerprint, so marking a pair as different recomputes.
    /// </summary>
    private static string Key(string what, double minimum, HashSet<(string, string)> rejected) =>
        FormattableString.Invariant($"{what}\n{minimum:R}\n{rejected.Count}\n{StringComparer.Ordinal.GetHashCode(string.Join('\n', rejected.Select(p => p.Item1 + "\t" + p.Item2).Order(StringComparer.Ordinal)))}");

    /// <summary>The suggestions gathered per record kept (<see cref="EntityResolution.SuggestGroups"/>).</summary>
    public async Task<IReadOnlyList<MergeGroup>> GroupsAsync(string dataset, double minimum = EntityResolution.Threshold, CancellationToken ct = default)
    {
        var snapshot = await analysis.GetAsync(dataset, null, ct);
        var rejected = Rejected(dataset);
        return snapshot.Cached(Key("merge-groups", minimum, rejected), () => EntityResolution.SuggestGroups(snapshot.Graph, minimum, rejected));
    }

    public async Task<MergeResult> MergeAsync(string dataset, string keepId, string dropId, string by, CancellationToken ct = default)
    {
        var store = catalog.Store(dataset);
        var keep = await store.GetVersionedNodeAsync(keepId, ct) ?? throw new KeyNotFoundException($"No node '{keepId}'.");
        var drop = await store.GetVersionedNodeAsync(dropId, ct) ?? throw new KeyNotFoundException($"No node '{dropId}'.");
        var around = await store.LoadAroundAsync([keepId, dropId], ct);
        var plan = EntityResolution.PlanMerge(around, keepId, dropId);
        var keepRelationships = around.Relationships.Where(r => r.From == keepId || r.To == keepId).ToDictionary(r => r.Key);
        var record = new MergeRecord(Guid.NewGuid().ToString("N")[..12], dataset, DateTimeOffset.UtcNow, by, keep.Value, drop.Value,
            around.Relationships.Where(r => r.From == dropId || r.To == dropId).ToList(),
            plan.Upserts.Where(r => keepRelationships.ContainsKey(r.Key)).Select(r => keepRelationships[r.Key]).ToList(),
            plan.Upserts.Where(r => !keepRelationships.ContainsKey(r.Key)).Select(r => r.Key).ToList(), false);
        var batch = new GraphBatch
        {
            Nodes = [plan.Keep],
            DeleteNodes = [dropId],
            Relationships = plan.Upserts,
            ExpectedNodeVersions = new Dictionary<string, long> { [keepId] = keep.Version, [dropId] = drop.Version },
        };
        var result = await writer.MergeAsync(dataset, batch, new Author(by, "merge"), $"merged {drop.Value.DisplayName} into {keep.Value.DisplayName}", v => new MergeEvent(dataset, keepId, dropId, record.Id, false, v, by), ct);
        Save(record);
        return new MergeResult(record.Id, result.Version, plan.Upserts.Count);
    }

    public async Task<MergeResult> UndoAsync(string dataset, string mergeId, string by, CancellationToken ct = default)
    {
        var record = Load(dataset, mergeId) ?? throw new KeyNotFoundException($"No merge '{mergeId}' in dataset '{dataset}'.");
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
        var result = await writer.MergeAsync(dataset, batch, new Author(by, "undo"), $"undid the merge of {record.Drop.DisplayName} into {record.KeepBefore.DisplayName}", v => new MergeEvent(dataset, record.KeepBefore.Id, record.Drop.Id, record.Id, true, v, by), ct);
        Save(record with { Undone = true });
        return new MergeResult(record.Id, result.Version, record.DropRelationships.Count);
    }

    public void Reject(string dataset, string a, string b)
    {
        _ = catalog.Store(dataset);
        var pairs = catalog.State.Read<List<string[]>>(RejectedDocument(dataset)) ?? [];
        pairs.Add([a, b]);
        catalog.State.Write(RejectedDocument(dataset), pairs);
    }

    /// <summary>The merges made in a dataset, newest first.</summary>
    public IReadOnlyList<MergeRecord> Merges(string dataset) =>
        catalog.State.Names($"resolution/{dataset}", "merge-")
            .Select(name => catalog.State.Read<MergeRecord>($"resolution/{dataset}/{name}.json")!)
            .OrderByDescending(m => m.At).ToList();

    // The merge records and rejected pairs of a dataset are documents of the server's state under resolution/{dataset}/.
    private static string RejectedDocument(string dataset) => $"resolution/{dataset}/rejected.json";

    private HashSet<(string, string)> Rejected(string dataset) =>
        (catalog.State.Read<List<string[]>>(RejectedDocument(dataset)) ?? []).Select(p => (p[0], p[1])).ToHashSet();

    private void Save(MergeRecord record) => catalog.State.Write($"resolution/{record.Dataset}/merge-{record.Id}.json", record);

    private MergeRecord? Load(string dataset, string id) =>
        id.Length == 0 || id.Any(c => !char.IsAsciiLetterOrDigit(c)) ? null : catalog.State.Read<MergeRecord>($"resolution/{dataset}/merge-{id}.json");
}

/// <summary>/api/datasets/{dataset}/resolution: suggestions, merges, undo and rejections over HTTP (see <see cref="ResolutionService"/>).</summary>
public static class ResolutionApi
{
    public static IEndpointRouteBuilder MapResolution(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/datasets/{dataset}/resolution", "Entity resolution");

        group.MapGet("/suggestions", async (string dataset, double? minimum, int? top, string? search, ResolutionService resolution, CancellationToken ct) =>
            TypedResults.Ok((await resolution.SuggestAsync(dataset, minimum ?? EntityResolution.Threshold, ct))
                .Where(s => search is null || s.KeepName.Contains(search, StringComparison.OrdinalIgnoreCase) || s.DropName.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Take(Math.Clamp(top ?? 100, 1, 5000)).ToList()))
            .RequireAuthorization(Policies.Read).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Records that may be the same organisation or city, best first, with evidence");

        group.MapPost("/merges", async (string dataset, MergeRequest request, HttpContext context, ResolutionService resolution, CancellationToken ct) =>
            TypedResults.Ok(await resolution.MergeAsync(dataset, request.Keep, request.Drop, context.User.UserName(), ct)))
            .RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable).WithSummary("Merge one record into another, keeping every relationship and both sources");

        group.MapGet("/merges", (string dataset, ResolutionService resolution) => TypedResults.Ok(resolution.Merges(dataset)))
            .RequireAuthorization(Policies.Read).Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("The merges made, newest first");

        group.MapPost("/merges/{mergeId}/undo", async (string dataset, string mergeId, HttpContext context, ResolutionService resolution, CancellationToken ct) =>
            TypedResults.Ok(await resolution.UndoAsync(dataset, mergeId, context.User.UserName(), ct)))
            .RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable).WithSummary("Undo a merge: the dropped record and its relationships come back");

        group.MapPost("/rejections", (string dataset, RejectRequest request, ResolutionService resolution) =>
        {
            resolution.Reject(dataset, request.A, request.B);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Edit).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Reject a suggestion: these two are different");

        return app;
    }
}
