using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Api.Datasets;
using Network.Data.Users;

namespace Network.Api.Health;

public static class HealthApi
{
    public sealed record DatasetHealth(string Name, bool Synthetic, bool Healthy, string Provider, string Detail, long Version, int Nodes, int Relationships);

    public sealed record HealthReport(string Status, IReadOnlyList<DatasetHealth> Datasets);

    /// <summary>
    /// GET /health: 200 when every dataset's store answers and takes writes, 503 when any does not. The datasets listed
    /// are those the caller may read; where the stores are (file paths, server addresses) is told to admins only. Each
    /// store is checked once at a time and within a budget (<see cref="StoreHealthChecks"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> (DatasetCatalog catalog, StoreHealthChecks checks, HttpContext context, CancellationToken cancellationToken) =>
        {
            var admin = context.User.IsInRole(Data.Users.Roles.Admin);
            var all = catalog.List();
            var checkedStores = await Task.WhenAll(all.Select(d => checks.CheckAsync(d.Name, cancellationToken)));
            var healthy = checkedStores.All(h => h.Healthy);
            // The overall status covers every store; the datasets listed are those the caller may read.
            var datasets = all.Zip(checkedStores)
                .Where(x => Auth.AuthSetup.MayRead(context, context.User, x.First.Name))
                .Select(x => new DatasetHealth(x.First.Name, x.First.Synthetic, x.Second.Healthy, x.Second.Provider,
                    admin ? x.Second.Detail : (x.Second.Healthy ? "ok" : "unavailable"), x.Second.Version, x.Second.Nodes, x.Second.Relationships))
                .ToList();
            var report = new HealthReport(healthy ? "healthy" : "unhealthy", datasets);
            return healthy ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
        })
        .WithName("Health")
        .WithTags("Health")
        .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
        .WithSummary("Whether every dataset's store answers and takes writes: 200 healthy, 503 unhealthy (details for admins)")
        .AllowAnonymous();
        return app;
    }
}
