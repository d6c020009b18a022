using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Network.Analysis.Domain;
using Network.Data.Storage;

namespace Network.Api.Http;

/// <summary>The 404 answer of an endpoint that looked for something and did not find it (an answer, not an exception).</summary>
public static class Missing
{
    public static ProblemHttpResult Answer(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>
/// Answers 404 for a dataset that does not exist before any endpoint under /api/datasets/{dataset} runs: the unknown
/// dataset is an answer, not a failure, so no endpoint has to look for it or throw.
/// </summary>
public sealed class KnownDatasetFilter(Datasets.DatasetCatalog catalog) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues.TryGetValue("dataset", out var value) && value is string dataset && catalog.Find(dataset) is null
            ? ValueTask.FromResult<object?>(TypedResults.Problem($"No dataset '{dataset}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found."))
            : next(context);
}

/// <summary>Turns the failures a client can cause into RFC 7807 problem details; never a stack trace.</summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    private static ILogger Log(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<ApiErrorFilter>();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException e)
        {
            var errors = e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => $"{x.Where}: {x.Message}").ToArray());
            return TypedResults.ValidationProblem(errors, title: "The data is not valid; nothing was written.", detail: e.Message);
        }
        catch (ConcurrencyConflictException e)
        {
            var post = HttpMethods.IsPost(context.HttpContext.Request.Method);
            // The title says what happened: a record created twice, one gone, or one changed by someone else first
            // (a revert meets the last when a later change touched the same record).
            var title = e.Expected == 0 && e.Actual is not null ? "It exists already."
                : e.Actual is null ? "It no longer exists; nothing was written."
                : "Someone else changed it first; nothing was written. Reload and apply your change again.";
            return TypedResults.Problem(e.Message, statusCode: post ? StatusCodes.Status409Conflict : StatusCodes.Status412PreconditionFailed,
                title: title,
                extensions: new Dictionary<string, object?> { ["currentVersion"] = e.Actual });
        }
        catch (GraphDatabaseUnavailableException e)
        {
            Log(context).LogWarning(e, "Refused {Method} {Path} with 503: {Reason}", context.HttpContext.Request.Method, context.HttpContext.Request.Path, e.Message);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The graph database is unavailable; nothing was read or written. Try again shortly.");
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            Log(context).LogWarning(e, "Refused {Method} {Path} with 503: SQLite error {Code} ({Extended})", context.HttpContext.Request.Method, context.HttpContext.Request.Path, e.SqliteErrorCode, e.SqliteExtendedErrorCode);
            // The embedded database failed under the request (its file deleted, damaged or locked for too long).
            return TypedResults.Problem("The database cannot be read or written right now; nothing was written. An administrator can see why at /health.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database is unavailable.");
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }
        catch (InvalidDataException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The data cannot be read; nothing was written.");
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");
        }
        catch (BadHttpRequestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: "The request is not valid.");
        }
    }
}

public static class Versions
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>The version an If-Match header names; throws a 428 when it is missing and a 400 when it is not ours.</summary>
    public static long IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            throw new BadHttpRequestException("Send If-Match with the ETag you read, so a concurrent change is not overwritten.", StatusCodes.Status428PreconditionRequired);
        var text = header.Trim().TrimStart('W', '/').Trim('"');
        return long.TryParse(text, out var version) && version > 0
            ? version
            : throw new BadHttpRequestException($"If-Match '{header}' is not an ETag of this API.", StatusCodes.Status400BadRequest);
    }
}
