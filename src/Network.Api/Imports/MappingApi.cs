using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Api.Http;
using Network.Api.Imports;
using Network.Api.Nodes;
using Network.Data.Imports;
using Network.Data.Mapping;
using Network.Data.Storage;

namespace Network.Api.Imports;

/// <param name="Matches">Rows that update an organisation the dataset has already instead of adding a duplicate: the row, the organisation and why.</param>
public sealed record MappedPreview(bool Valid, IReadOnlyDictionary<string, int> RowsRead, int Nodes, int Relationships, IReadOnlyList<Node> SampleNodes, IReadOnlyList<Relationship> SampleRelationships, IReadOnlyList<ValidationError> Errors, long? Version, IReadOnlyList<MappingEngine.RowMatch> Matches);

/// <summary>
/// Mappings over the API: propose one from uploaded files' headers, keep named mappings for next time, and import
/// files through a mapping (a dry run previews the first records and every problem; a real import is all or nothing).
/// </summary>
public static class MappingApi
{
    public static IEndpointRouteBuilder MapMappings(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/mappings", "Mappings");

        group.MapPost("/propose", async Task<Ok<MappingFile>> (IFormFileCollection files, string? name, CancellationToken ct) =>
        {
            // Read as the import will read them: strict UTF-8, each file's own separator (Excel's semicolons too).
            using var upload = await Upload.ReceiveAsync(files, Path.Combine(Path.GetTempPath(), "network-propose"), MappedImport.Refuse, ct);
            var headers = FileSample.ReadAll(upload.Folder).ToDictionary(f => f.Key, f => f.Value.Columns);
            return TypedResults.Ok(MappingProposer.Propose(name ?? "uploaded files", headers));
        }).RequireAuthorization(Policies.Edit).DisableAntiforgery()
        // Bounded like every upload: 20 MB, and the imports' rate per client.
        .WithMetadata(new RequestSizeLimitAttribute(ImportApi.MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportApi.MaxUploadBytes })
        .RequireRateLimiting(AuthSetup.RateImports)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests).WithSummary("Propose a mapping from the files' names and headers");

        group.MapGet("/", (DatasetCatalog catalog) => TypedResults.Ok(SavedMappings.Names(catalog.State)))
            .RequireAuthorization(Policies.Read).Problems().WithSummary("Names of the saved mappings");

        group.MapGet("/{name}", Results<Ok<MappingFile>, ProblemHttpResult> (string name, DatasetCatalog catalog) =>
            SavedMappings.IsName(name) && SavedMappings.Load(catalog.State, name) is { } mapping ? TypedResults.Ok(mapping) : Missing.Answer($"No saved mapping '{name}'."))
            .RequireAuthorization(Policies.Read).Problems(StatusCodes.Status404NotFound).WithSummary("A saved mapping");

        group.MapPut("/{name}", (string name, MappingFile mapping, DatasetCatalog catalog) =>
        {
            SavedMappings.Save(catalog.State, name, MappedImport.Checked(mapping));
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Edit).Problems(StatusCodes.Status400BadRequest).WithSummary("Save a mapping under a name, for next time");

        app.MapPost("/api/datasets/{dataset}/import/mapped", async Task<Results<Ok<MappedPreview>, BadRequest<MappedPreview>>> (string dataset, bool? dryRun, [FromForm] string? mapping, string? mappingName, IFormFileCollection files, HttpContext context, DatasetCatalog catalog, NetworkWriter writer, CancellationToken ct) =>
        {
            var map = mapping is not null ? MappedImport.ParseMapping(mapping)
                : mappingName is not null && SavedMappings.Load(catalog.State, mappingName) is { } saved ? saved
                : throw new BadHttpRequestException("Send a mapping (form field 'mapping') or the name of a saved one (mappingName).");
            var preview = await MappedImport.RunAsync(catalog, writer, dataset, map, files, dryRun == true, context.User.UserName(), ct);
            return preview.Valid ? TypedResults.Ok(preview) : TypedResults.BadRequest(preview);
        })
        .WithTags("Import").AddEndpointFilter<ApiErrorFilter>()
        .RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateImports).DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(ImportApi.MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportApi.MaxUploadBytes })
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable).WithSummary("Import CSV files through a mapping; dryRun=true previews the first records and every problem");
        return app;
    }
}

/// <summary>Uploaded files through a mapping into a dataset: the one place the API and the import page share.</summary>
public static class MappedImport
{
    /// <summary>A mapping sent as JSON; a 400 naming what is wrong when it is not one (null, {}, broken JSON).</summary>
    public static MappingFile ParseMapping(string json)
    {
        try
        {
            var mapping = JsonSerializer.Deserialize<MappingFile>(json, MappingFile.Json) ?? throw new JsonException("it is null");
            return Checked(mapping);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"The mapping is not a mapping: {e.Message}");
        }
    }

    /// <summary>The mapping, or a 400 naming every part that is missing or unusable (<see cref="MappingFile.Problems"/>).</summary>
    public static MappingFile Checked(MappingFile mapping) =>
        mapping.Problems() is { Count: > 0 } problems ? throw new ValidationFailedException(problems) : mapping;

    /// <summary>Why an uploaded file cannot be read through a mapping (null when it can).</summary>
    public static string? Refuse(string name) => name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? null : "not a CSV file; a mapping reads CSV files.";

    public static async Task<MappedPreview> RunAsync(DatasetCatalog catalog, NetworkWriter writer, string dataset, MappingFile mapping, IEnumerable<IFormFile> files, bool dryRun, string by, CancellationToken ct)
    {
        using var upload = await Upload.ReceiveAsync(files, Path.Combine(Path.GetTempPath(), "network-mapped"), Refuse, ct);
        return await RunAsync(catalog, writer, dataset, mapping, upload.Folder, dryRun, by, ct);
    }

    public static async Task<MappedPreview> RunAsync(DatasetCatalog catalog, NetworkWriter writer, string dataset, MappingFile mapping, string folder, bool dryRun, string by, CancellationToken ct)
    {
        var outcome = await Importer.RunAsync(catalog.Store(dataset), folder, mapping, dryRun, (batch, c) => writer.ImportAsync(dataset, batch, by, "a mapped upload", c), ct);
        var graph = outcome.Graph;
        return new MappedPreview(outcome.Valid, outcome.Contents.RowsRead, graph.Nodes.Count, graph.Relationships.Count,
            graph.Nodes.Take(10).ToList(), graph.Relationships.Take(10).ToList(), outcome.Errors.Take(10_000).ToList(), outcome.Version, outcome.Contents.Matches ?? []);
    }
}
