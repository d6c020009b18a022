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
    /// GET /health: 200 with each dataset's store status, or 503 when any store cannot be read. Where the stores are
    /// (file paths, server addresses) is told to admins only.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> (DatasetCatalog catalog, HttpContext context, CancellationToken cancellationToken) =>
        {
            var admin = context.User.IsInRole(Data.Users.Roles.Admin);
            var datasets = new List<DatasetHealth>();
            foreach (var dataset in catalog.List())
            {
                Data.Storage.StoreHealth health;
                try
                {
                    health = await catalog.Store(dataset.Name).CheckHealthAsync(cancellationToken);
                }
                catch (Data.Storage.GraphDatabaseUnavailableException e)
                {
                    health = new Data.Storage.StoreHealth(false, "unavailable", e.Message, 0, 0, 0);
                }
                datasets.Add(new(dataset.Name, dataset.Synthetic, health.Healthy, health.Provider, admin ? health.Detail : (health.Healthy ? "ok" : "unavailable"), health.Version, health.Nodes, health.Relationships));
            }
            var healthy = datasets.All(d => d.Healthy);
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
