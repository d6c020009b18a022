using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Changes;
using Network.Api.Editing;
using Network.Api.Exports;
using Network.Api.Http;
using Network.Api.Hubs;
using Network.Api.Imports;
using Network.Api.Nodes;
using Network.Api.Relationships;
using Network.Api.Resolution;
using Network.Data.Formats;
using Network.Data.Mapping;
using Network.Data.Storage;
using Scalar.AspNetCore;

using Network.Api.Layout;
using Network.Api.Surveys;

namespace Network.Api;

public static class NetworkApi
{
    /// <summary>The write path, the analysis cache, the hub, JSON as the stores write it, problem details and OpenAPI.</summary>
    public static IHostApplicationBuilder AddNetworkApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnalysisService>();
        builder.Services.AddSingleton<Health.StoreHealthChecks>();
        builder.Services.AddSingleton(services => new Network.Data.Surveys.SurveyStore(services.GetRequiredService<Network.Api.Datasets.DatasetCatalog>().DataFolder));
        builder.Services.AddSingleton<Surveys.SurveyService>();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.AddSingleton<SurveyMailer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Layout.LayoutService>();
        builder.Services.AddSingleton<IDatasetWarmup>(services => services.GetRequiredService<Layout.LayoutService>());
        builder.Services.AddSingleton<StoreVersions>();
        builder.Services.AddSingleton<Datasets.FolderImports>();
        builder.Services.AddHostedService<Hubs.OutsideWrites>();
        builder.Services.AddSingleton<NetworkWriter>();
        builder.Services.AddSingleton<RecordEditing>();
        builder.Services.AddSingleton<Changes.ChangeReverter>();
        builder.Services.AddSingleton<Resolution.ResolutionService>();
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        builder.Services.AddSignalR().AddJsonProtocol(o => Configure(o.PayloadSerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddApiBadRequests();
        builder.Services.AddOpenApi(OpenApiDescription.Configure);
        return builder;
    }

    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        // Every endpoint of a dataset answers 404 for one that does not exist, in one place.
        var api = app.MapGroup("").AddEndpointFilter<KnownDatasetFilter>();
        api.MapNodes();
        api.MapRelationships();
        api.MapAnalysis();
        api.MapLayout();
        api.MapImports();
        api.MapExports();
        api.MapResolution();
        api.MapMappings();
        api.MapChanges();
        api.MapUsers();
        api.MapSurveys();
        app.MapHub<NetworkHub>("/hubs/network");
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Network API"));
        return app;
    }

    private static void Configure(System.Text.Json.JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = GraphJson.Options.DefaultIgnoreCondition;
        if (!options.Converters.OfType<RelationshipTypeJson>().Any())
            options.Converters.Insert(0, new RelationshipTypeJson());
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
            options.Converters.Add(new JsonStringEnumConverter());
    }
}
