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
using Network.Api.Nodes;

namespace Network.Api.Relationships;

/// <summary>/api/datasets/{dataset}/relationships: a relationship is addressed by its type and ends, /{type}/{from}/{to}.</summary>
public static class RelationshipsApi
{
    public static IEndpointRouteBuilder MapRelationships(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/datasets/{dataset}/relationships", "Relationships");

        group.MapGet("/", async Task<Ok<Page<Relationship>>> (string dataset, string? type, string? from, string? to, string? node, int? page, int? pageSize, AnalysisService analysis, CancellationToken cancellationToken) =>
        {
            var snapshot = await analysis.GetAsync(dataset, null, cancellationToken);
            var wanted = type is null ? (RelationshipType?)null : RelationshipTypes.TryParse(type, out var t) ? t : throw new BadHttpRequestException($"Unknown relationship type '{type}'.");
            var (number, size) = Paging.Read(page, pageSize);
            var matches = snapshot.Graph.Relationships
                .Where(r => wanted is null || r.Type == wanted)
                .Where(r => from is null || r.From == from)
                .Where(r => to is null || r.To == to)
                .Where(r => node is null || r.From == node || r.To == node)
                .ToList();
                        return TypedResults.Ok(new Page<Relationship>(matches.Skip((number - 1) * size).Take(size).ToList(), number, size, matches.Count));
        }).RequireAuthorization(Policies.Read).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("List relationships by type, from, to or either end (node)");

        group.MapGet("/{type}/{from}/{to}", async Task<Results<Ok<Relationship>, ProblemHttpResult>> (string dataset, string type, string from, string to, HttpResponse response, DatasetCatalog catalog, CancellationToken cancellationToken) =>
        {
            var key = Key(type, from, to);
            if (await catalog.Store(dataset).GetVersionedRelationshipAsync(key, cancellationToken) is not { } found)
                return Missing.Answer($"No relationship {key}.");
            response.Headers.ETag = Versions.ETag(found.Version);
            return TypedResults.Ok(found.Value);
        }).RequireAuthorization(Policies.Read).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("One relationship, with its version as ETag");

        group.MapPost("/", async Task<Created<Relationship>> (string dataset, Relationship relationship, HttpContext context, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var complete = Complete(relationship, context);
            var version = await writer.CreateRelationshipAsync(dataset, complete, context.User.Author(), cancellationToken);
            context.Response.Headers.ETag = Versions.ETag(version);
            return TypedResults.Created($"/api/datasets/{dataset}/relationships/{RelationshipTypes.Name(complete.Type)}/{Uri.EscapeDataString(complete.From)}/{Uri.EscapeDataString(complete.To)}", complete);
        }).RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable).WithSummary("Create a relationship");

        group.MapPut("/{type}/{from}/{to}", async Task<Ok<Relationship>> (string dataset, string type, string from, string to, Relationship relationship, HttpContext context, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var expected = Versions.IfMatch(context.Request);
            var key = Key(type, from, to);
            var complete = Complete(relationship, context) with { Type = key.Type, From = key.From, To = key.To };
            var version = await writer.UpdateRelationshipAsync(dataset, complete, expected, context.User.Author(), cancellationToken);
            context.Response.Headers.ETag = Versions.ETag(version);
            return TypedResults.Ok(complete);
        }).RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired, StatusCodes.Status503ServiceUnavailable).WithSummary("Replace a relationship's properties; If-Match required");

        group.MapDelete("/{type}/{from}/{to}", async Task<NoContent> (string dataset, string type, string from, string to, HttpContext context, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var expected = Versions.IfMatch(context.Request);
            await writer.DeleteRelationshipAsync(dataset, Key(type, from, to), expected, context.User.Author(), cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired, StatusCodes.Status503ServiceUnavailable).WithSummary("Delete a relationship; If-Match required");
        return app;
    }

    private static RelationshipKey Key(string type, string from, string to) =>
        RelationshipTypes.TryParse(type, out var t) ? new RelationshipKey(t, from, to) : throw new BadHttpRequestException($"Unknown relationship type '{type}'.");

    private static Relationship Complete(Relationship relationship, HttpContext context) =>
        // Left out, it is filled in with who and when; given but empty, the domain rules refuse it (a source is required).
        relationship.Source is null ? relationship with { Source = $"api: {context.User.UserName()} {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z" } : relationship;
}
