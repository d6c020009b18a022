using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Network.Api.Http;

/// <summary>What every API route group and endpoint shares, set in one place.</summary>
public static class Endpoints
{
    /// <summary>
    /// A group of API endpoints under <paramref name="prefix"/>: its OpenAPI tag, and failures answered as problem
    /// documents (<see cref="ApiErrorFilter"/>). Authorization is the group's own (a policy, or anonymous with a rate).
    /// </summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).WithTags(tag).AddEndpointFilter<ApiErrorFilter>();

    /// <summary>Declares the problem answers an endpoint gives (and every write's 401, 403 and 429), so the OpenAPI document states them.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Concat([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests]).Distinct())
            builder.ProducesProblem(status);
        return builder;
    }

}
