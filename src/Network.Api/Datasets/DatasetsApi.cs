using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Network.Api.Http;
using Network.Api.Nodes;
using Network.Data.Formats;
using Network.Data.Imports;
using Network.Data.Storage;
using Polly;

namespace Network.Api.Datasets;

/// <summary>Carries a request's "safe to send twice" mark (Neo4jQueryApi.SafeToRepeat) into the resilience pipeline that decides on retries.</summary>
public sealed class Neo4jRetryMarker : DelegatingHandler
{
    public static readonly ResiliencePropertyKey<bool> SafeToRepeat = new("network.neo4j.safe-to-repeat");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = request.GetResilienceContext();
        var own = context is null;
        context ??= ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(SafeToRepeat, Neo4jQueryApi.IsSafeToRepeat(request));
        request.SetResilienceContext(context);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            if (own)
                ResilienceContextPool.Shared.Return(context);
        }
    }
}

public static class DatasetsApi
{
    /// <summary>Registers the dataset catalog and its storage options (section "Storage").</summary>
    public static IHostApplicationBuilder AddNetworkStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddOptions<Neo4jOptions>().BindConfiguration(Neo4jOptions.Section);
        // Transient failures of Neo4j (503, refused connections) are retried with backoff — only for requests that are
        // safe to send twice (reads, opening a transaction; Neo4jQueryApi.SafeToRepeat): a commit whose answer was lost
        // is never resent. Timeouts fit a long import: a statement may take minutes.
        builder.Services.AddTransient<Neo4jRetryMarker>();
        AddNeo4jClient(builder.Services);
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
            var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var dataFolder = Path.GetFullPath(Path.Combine(root, options.DataFolder));
            var clients = services.GetRequiredService<System.Net.Http.IHttpClientFactory>();
            var neo4j = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Neo4jOptions>>().Value;
            var shipped = ShippedData.Find(options.SeedFolder is { } seed ? Path.Combine(root, seed) : null, root, AppContext.BaseDirectory);
            return new DatasetCatalog(dataFolder, StoreFactory.For(options, dataFolder, () => clients.CreateClient(Neo4jClient), neo4j), shipped);
        });
        builder.Services.AddHostedService<DatasetSeeding>();
        return builder;
    }

    /// <summary>
    /// The Neo4j store's HTTP client. Transient failures (503, refused connections, lost answers) are retried with
    /// backoff only for requests that are safe to send twice (reads, opening a transaction: Neo4jQueryApi.SafeToRepeat);
    /// a statement in a transaction or its commit is never resent — a commit whose answer was lost may have committed.
    /// Timeouts fit a long import: a statement may take minutes.
    /// </summary>
    public static IHttpClientBuilder AddNeo4jClient(IServiceCollection services)
    {
        var client = services.AddHttpClient(Neo4jClient).AddHttpMessageHandler<Neo4jRetryMarker>();
        client.AddStandardResilienceHandler(o =>
        {
            o.Retry.ShouldHandle = args => ValueTask.FromResult(
                args.Context.Properties.GetValue(Neo4jRetryMarker.SafeToRepeat, false) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            o.AttemptTimeout.Timeout = TimeSpan.FromMinutes(10);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(30);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(20);
        });
        return client;
    }

    /// <summary>The name of the HTTP client the Neo4j store uses.</summary>
    public const string Neo4jClient = "neo4j";

    /// <param name="AnonymousRead">Open it to anonymous readers at once (default: private).</param>
    public sealed record CreateDataset(string Name, string? Title, string? From, bool? AnonymousRead = null);

    /// <summary>
    /// A change to a dataset's settings: its home region (names of regions, countries or cities; empty: the default;
    /// editors), whether anonymous readers may read it (admins).
    /// </summary>
    public sealed record ChangeDataset(IReadOnlyList<string>? HomeRegion = null, bool? AnonymousRead = null);

    /// <summary>
    /// One dataset as a client sees it: its catalog entry, the home region its value chains use (<paramref name="HomeRegionSet"/>:
    /// an editor chose it; else the default, where its members or its activity concentrate), and whether the background
    /// analysis its pages read is done for the current version (<paramref name="Ready"/>, with <paramref name="Progress"/> in percent).
    /// </summary>
    public sealed record DatasetView(string Name, string Title, bool Synthetic, string Origin, IReadOnlyList<string> HomeRegion, bool HomeRegionSet, bool Ready, int Progress, string Step, bool AnonymousRead);

    private static async Task<DatasetView> ViewAsync(DatasetInfo info, Analysis.AnalysisService analysis, CancellationToken ct)
    {
        var snapshot = await analysis.GetAsync(info.Name, null, ct);
        var readiness = analysis.ReadinessOf(info.Name, snapshot.Version);
        return new DatasetView(info.Name, info.Title, info.Synthetic, info.Origin, snapshot.HomeRegion, info.HomeRegion is not null, readiness.Ready, readiness.Percent, readiness.Step, info.AnonymousRead);
    }

    public static IEndpointRouteBuilder MapDatasets(this IEndpointRouteBuilder app)
    {
        var api = app.MapApi("/api/datasets", "Datasets");
        api.MapGet("/", (DatasetCatalog catalog, HttpContext context) =>
                TypedResults.Ok(catalog.List().Where(d => Auth.AuthSetup.MayRead(context, context.User, d.Name)).ToList()))
            .AllowAnonymous().Problems()
            .WithSummary("The datasets the caller may read: name, title, whether it is synthetic, where it came from, whether anonymous readers may read it");
        api.MapGet("/shipped", (DatasetCatalog catalog) => TypedResults.Ok(catalog.Shipped.Folders())).RequireAuthorization(Auth.Policies.Read).Problems()
            .WithSummary("Data folders shipped with the product (data/*), to create or fill datasets from");

        api.MapPost("/", async Task<Results<Created<DatasetInfo>, ProblemHttpResult>> (CreateDataset request, DatasetCatalog catalog, Analysis.AnalysisService analysis, CancellationToken ct) =>
        {
            DatasetInfo info;
            if (request.From is { } from)
            {
                if (catalog.Shipped.Folder(from) is not { } folder)
                    return Missing.Answer($"No shipped data folder '{from}' (shipped: {string.Join(", ", catalog.Shipped.Folders())}).");
                info = await catalog.CreateFromFolderAsync(new DatasetInfo(request.Name, request.Title ?? request.Name, false, $"data/{from}") { AnonymousRead = request.AnonymousRead == true }, folder, ct);
            }
            else
            {
                info = await catalog.CreateAsync(new DatasetInfo(request.Name, request.Title ?? request.Name, false, "created empty") { AnonymousRead = request.AnonymousRead == true }, Network.Analysis.Domain.NetworkGraph.Empty, ct);
            }
            // What its pages need is computed at once, in the background (GET /api/datasets/{name} says when it is ready).
            analysis.Changed(info.Name);
            return TypedResults.Created($"/api/datasets/{info.Name}", info);
        }).RequireAuthorization(Auth.Policies.Admin).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable).WithSummary("Create a dataset, empty or from a shipped data folder (admins)");

        api.MapPost("/{name}/load/{from}", async Task<Results<Ok<WriteResult>, ProblemHttpResult>> (string name, string from, HttpContext context, DatasetCatalog catalog, Editing.NetworkWriter writer, CancellationToken ct) =>
        {
            if (catalog.Find(name) is null)
                return Missing.Answer($"No dataset '{name}'.");
            if (catalog.Shipped.Folder(from) is not { } folder)
                return Missing.Answer($"No shipped data folder '{from}'.");
            var outcome = await Importer.RunAsync(catalog.Store(name), folder, null, false,
                (batch, c) => writer.ImportAsync(name, batch, Auth.AuthSetup.UserName(context.User), $"data/{from}", c), ct);
            return outcome.Written is { } written ? TypedResults.Ok(written) : throw new Network.Analysis.Domain.ValidationFailedException(outcome.Errors);
        }).RequireAuthorization(Auth.Policies.Edit).RequireRateLimiting(Auth.AuthSetup.RateImports).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Add a shipped data folder to this dataset (cities are matched)");
        api.MapGet("/{name}", async Task<Results<Ok<DatasetView>, ProblemHttpResult>> (string name, DatasetCatalog catalog, Analysis.AnalysisService analysis, CancellationToken ct) =>
            catalog.Find(name) is { } info ? TypedResults.Ok(await ViewAsync(info, analysis, ct)) : Missing.Answer($"No dataset '{name}'.")).RequireAuthorization(Auth.Policies.Read).Problems(StatusCodes.Status404NotFound)
            .WithSummary("One dataset: its home region, and whether its analysis is ready (with progress)");
        api.MapPatch("/{name}", async Task<Results<Ok<DatasetView>, ProblemHttpResult>> (string name, ChangeDataset change, DatasetCatalog catalog, Analysis.AnalysisService analysis, HttpContext context, CancellationToken ct) =>
        {
            if (catalog.Find(name) is not { } info)
                return Missing.Answer($"No dataset '{name}'.");
            if (change.AnonymousRead is { } open)
            {
                // Who may read without signing in is an admin's decision.
                if (!context.User.IsInRole(Network.Data.Users.Roles.Admin))
                    return TypedResults.Problem($"Only an admin opens or closes a dataset to anonymous readers.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
                info = catalog.SetAnonymousRead(name, open);
            }
            if (change.HomeRegion is { } region)
            {
                var places = region.Select(p => p?.Trim() ?? "").ToList();
                if (places.Count > 50 || places.Any(p => p.Length is 0 or > 100 || Network.Analysis.Domain.DomainRules.Unwritable(p) is not null))
                    throw new Network.Analysis.Domain.ValidationFailedException([new($"dataset '{name}'", "homeRegion", "give up to 50 names of regions, countries or cities, each 1–100 characters without control characters")]);
                info = catalog.SetHomeRegion(name, places);
                analysis.HomeRegionChanged(name);
            }
            return TypedResults.Ok(await ViewAsync(info, analysis, ct));
        }).RequireAuthorization(Auth.Policies.Edit).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("Change a dataset's home region (editors; an empty list goes back to the default) or open it to anonymous readers (admins)");
        return app;
    }
}
