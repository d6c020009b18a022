using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Api.Http;

/// <summary>
/// A request the API cannot read (malformed JSON, a wrong relationship type, a missing body) is answered with a
/// problem-details 400 that says what is wrong, instead of a bare status: binding failures are thrown
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>) and turned into problems here.
/// </summary>
public static class BadRequests
{
    public static IServiceCollection AddApiBadRequests(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseApiBadRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next();
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var detail = e.InnerException is JsonException json ? Plain(json.Message) : e.Message;
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            await Results.Problem(detail, statusCode: e.StatusCode, title: "The request is not valid.").ExecuteAsync(context);
        }
    });

    /// <summary>The reader's message without its position suffix (" Path: $.type | LineNumber: 0 | …").</summary>
    private static string Plain(string message) =>
        message.IndexOf(" Path: ", StringComparison.Ordinal) is var at and > 0 ? message[..at] : message;
}
