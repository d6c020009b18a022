using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Api.Storage;

namespace Network.Api.Datasets;

public static class DatasetsApi
{
    /// <summary>Registers the dataset catalog and its storage options (section "Storage").</summary>
    public static IHostApplicationBuilder AddNetworkStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<DatasetCatalog>();
        return builder;
    }

    /// <summary>Creates the seed (and synthetic) datasets on first start, before the app serves requests.</summary>
    public static async Task SeedDatasetsAsync(this IHost app)
    {
        var catalog = app.Services.GetRequiredService<DatasetCatalog>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<DatasetCatalog>();
        await catalog.EnsureSeededAsync(logger);
    }

    public static IEndpointRouteBuilder MapDatasets(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets");
        api.MapGet("/", (DatasetCatalog catalog) => TypedResults.Ok(catalog.List()));
        api.MapGet("/{name}", Results<Ok<DatasetInfo>, NotFound> (string name, DatasetCatalog catalog) =>
            catalog.Find(name) is { } info ? TypedResults.Ok(info) : TypedResults.NotFound());
        return app;
    }
}
