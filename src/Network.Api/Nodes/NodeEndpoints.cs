using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Api.Http;

namespace Network.Api.Nodes;

public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int PageSize, int Total);

/// <summary>
/// The endpoints every node kind has, under /api/datasets/{dataset}/{path}: list (paging, search, filters), get
/// (with ETag), create (201, or 409 when the id exists), update and delete (If-Match required: 428 without it,
/// 412 when stale). Lists are served from the dataset's cached snapshot; writes go through <see cref="NetworkWriter"/>.
/// </summary>
public static partial class NodeEndpoints
{
    public const int MaxPageSize = Paging.MaxPageSize;

    /// <param name="filter">Extra query filters of this kind (e.g. kind, sector); a node passes when it matches all given.</param>
    public static RouteGroupBuilder MapNodeEndpoints<T>(this IEndpointRouteBuilder app, string path, string tag, Func<T, IQueryCollection, bool>? filter = null)
        where T : Node
    {
        var group = app.MapApi($"/api/datasets/{{dataset}}/{path}", tag);

        group.MapGet("/", async Task<Ok<Page<T>>> (string dataset, string? search, int? page, int? pageSize, HttpRequest request, AnalysisService analysis, CancellationToken cancellationToken) =>
        {
            var snapshot = await analysis.GetAsync(dataset, null, cancellationToken);
            var (number, size) = Paging.Read(page, pageSize);
            // Best match first when searching (Network.Analysis.Text.NameSearch), else by name.
            var matches = Network.Analysis.Text.NameSearch.Find(snapshot.Graph.OfType<T>().Where(n => filter is null || filter(n, request.Query)), search).ToList();
            // A page past the end is empty (and says which page it is), never another page.
                        var skip = (long)(number - 1) * size;
            var items = skip >= matches.Count ? [] : matches.Skip((int)skip).Take(size).ToList();
            return TypedResults.Ok(new Page<T>(items, number, size, matches.Count));
        })
        .RequireAuthorization(Policies.Read)
        .Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
        .WithSummary($"List {path}, with paging and search");

        group.MapGet("/{id}", async Task<Results<Ok<T>, ProblemHttpResult>> (string dataset, string id, HttpResponse response, DatasetCatalog catalog, CancellationToken cancellationToken) =>
        {
            var found = await catalog.Store(dataset).GetVersionedNodeAsync(id, cancellationToken);
            if (found?.Value is not T node)
                return Missing.Answer($"No {Singular(path)} '{id}' in dataset '{dataset}'.");
            response.Headers.ETag = Versions.ETag(found.Version);
            return TypedResults.Ok(node);
        })
        .RequireAuthorization(Policies.Read)
        .Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
        .WithSummary($"One of the {path}, with its version as ETag");

        group.MapPost("/", async Task<Created<T>> (string dataset, T node, HttpContext context, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var complete = Complete(node, context);
            var version = await writer.CreateNodeAsync(dataset, complete, context.User.Author(), cancellationToken);
            context.Response.Headers.ETag = Versions.ETag(version);
            return TypedResults.Created($"/api/datasets/{dataset}/{path}/{Uri.EscapeDataString(complete.Id)}", complete);
        })
        .RequireAuthorization(Policies.Edit)
        .RequireRateLimiting(AuthSetup.RateWrites)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable)
        .WithSummary($"Create one of the {path} (id and source are filled in when left out)");

        group.MapPut("/{id}", async Task<Results<Ok<T>, ProblemHttpResult>> (string dataset, string id, T node, HttpContext context, DatasetCatalog catalog, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var expected = Versions.IfMatch(context.Request);
            if (await catalog.Store(dataset).GetVersionedNodeAsync(id, cancellationToken) is not { Value: T })
                return Missing.Answer($"No {Singular(path)} '{id}' in dataset '{dataset}'.");
            var complete = Complete(node, context) with { Id = id };
            var version = await writer.UpdateNodeAsync(dataset, complete, expected, context.User.Author(), cancellationToken);
            context.Response.Headers.ETag = Versions.ETag(version);
            return TypedResults.Ok(complete);
        })
        .RequireAuthorization(Policies.Edit)
        .RequireRateLimiting(AuthSetup.RateWrites)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired, StatusCodes.Status503ServiceUnavailable)
        .WithSummary($"Replace one of the {path}; If-Match with its ETag is required");

        group.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string dataset, string id, HttpContext context, DatasetCatalog catalog, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var expected = Versions.IfMatch(context.Request);
            if (await catalog.Store(dataset).GetVersionedNodeAsync(id, cancellationToken) is not { Value: T node })
                return Missing.Answer($"No {Singular(path)} '{id}' in dataset '{dataset}'.");
            await writer.DeleteNodeAsync(dataset, node, expected, context.User.Author(), cancellationToken);
            return TypedResults.NoContent();
        })
        .RequireAuthorization(Policies.Edit)
        .RequireRateLimiting(AuthSetup.RateWrites)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired, StatusCodes.Status503ServiceUnavailable)
        .WithSummary($"Delete one of the {path} and its relationships; If-Match required");

        return group;
    }

    public static bool Matches(IQueryCollection query, string key, Func<string, bool> test) =>
        !query.TryGetValue(key, out var values) || string.IsNullOrEmpty(values.ToString()) || test(values.ToString());

    private static string Singular(string path) => path switch
    {
        "people" => "person",
        "cities" => "city",
        _ => path.TrimEnd('s'),
    };

    /// <summary>Fills in what a client may leave out: the id (from the name) and the source (who, when).</summary>
    private static T Complete<T>(T node, HttpContext context) where T : Node
    {
        // Left out, the source is filled in with who and when; given but empty, the domain rules refuse it.
        if (node.Source is null)
            node = node with { Source = RecordEditing.EnteredBy(context.User.UserName(), DateTimeOffset.UtcNow, "api") };
        if (string.IsNullOrWhiteSpace(node.Id))
            node = node with { Id = RecordEditing.NewId(node.Label, node.DisplayName) };
        return node;
    }
}
