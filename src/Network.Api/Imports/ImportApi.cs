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
using Network.Api.Nodes;
using Network.Data.Formats;
using Network.Data.Imports;

namespace Network.Api.Imports;

public sealed record ImportResult(bool DryRun, bool Valid, int Nodes, int Relationships, int NewNodes, int ChangedNodes, long? Version, IReadOnlyList<ValidationError> Errors);

/// <summary>
/// POST /api/datasets/{dataset}/import[?dryRun=true]: multipart files — the CSV files of the data/seed format (any
/// subset of organisations.csv … relationships.csv), a Kumu-style sheet (elements.csv and connections.csv), or one
/// .graphml or .gexf file. A dry run reports what would
/// change and every error (file, row, column, message); a real import writes all of it in one transaction or nothing.
/// Uploads are limited to <see cref="MaxUploadBytes"/>; XML is read without DTDs or external entities.
/// </summary>
public static class ImportApi
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/datasets/{dataset}/import", async Task<Results<Ok<ImportResult>, BadRequest<ImportResult>>> (string dataset, bool? dryRun, IFormFileCollection files, HttpContext context, DatasetCatalog catalog, NetworkWriter writer, CancellationToken cancellationToken) =>
        {
            var store = catalog.Store(dataset);
            Upload upload;
            try
            {
                upload = await Upload.ReceiveAsync(files, Path.Combine(Path.GetTempPath(), "network-import"), Refuse, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                return TypedResults.BadRequest(new ImportResult(dryRun == true, false, 0, 0, 0, 0, null, [new ValidationError("upload", "file", e.Message)]));
            }
            using (upload)
            {
                var from = "upload of " + string.Join(", ", upload.Names.Take(10)) + (context.User.FindFirst(AuthSetup.KeyClaim)?.Value is { } key ? $" with api key '{key}'" : "");
                ImportOutcome outcome;
                try
                {
                    outcome = await Importer.RunAsync(store, upload.Folder, null, dryRun == true, (batch, ct) => writer.ImportAsync(dataset, batch, context.User.UserName(), from, ct), cancellationToken);
                }
                catch (InvalidDataException e)
                {
                    return TypedResults.BadRequest(new ImportResult(dryRun == true, false, 0, 0, 0, 0, null, [new ValidationError("upload", "file", e.Message)]));
                }
                var summary = new ImportResult(outcome.DryRun, outcome.Valid, outcome.Graph.Nodes.Count, outcome.Graph.Relationships.Count,
                    outcome.Graph.Nodes.Count - outcome.Existing, outcome.Existing, outcome.Version, outcome.Errors);
                return outcome.Valid ? TypedResults.Ok(summary) : TypedResults.BadRequest(summary);
            }
        })
        .WithTags("Import")
        .AddEndpointFilter<ApiErrorFilter>()
        .RequireAuthorization(Policies.Edit)
        .RequireRateLimiting(AuthSetup.RateImports)
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable).WithSummary("Import CSV files (data/seed format), GraphML or GEXF; dryRun=true checks without writing");
        return app;
    }

    /// <summary>Why an uploaded file is not an import file (null when it is).</summary>
    private static string? Refuse(string name) =>
        Importer.KnownFiles.Contains(name) || Path.GetExtension(name).ToLowerInvariant() is ".graphml" or ".gexf" ? null
            : $"not an import file; expected {string.Join(", ", Importer.KnownFiles)}, or a .graphml or .gexf file.";
}
