using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Data.Formats;
using Network.Api.Nodes;
using Network.Data.Storage;

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
            NetworkGraph graph;
            IReadOnlyDictionary<string, string> locations;
            IReadOnlyList<ValidationError> rowErrors;
            try
            {
                (graph, locations, rowErrors) = await ReadAsync(files, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                return TypedResults.BadRequest(new ImportResult(dryRun == true, false, 0, 0, 0, 0, null, [new ValidationError("upload", "file", e.Message)]));
            }

            var batch = GraphBatch.Of(graph);
            var errors = rowErrors.Concat(CsvBundle.Locate(await store.CheckAsync(batch, cancellationToken), locations)).Distinct().ToList();
            // One read for all ids: which of them exist already (depth 0: the nodes themselves).
            var existing = (await store.ExistingAsync(graph.Nodes.Select(n => n.Id).ToList(), cancellationToken)).Count;
            var summary = new ImportResult(dryRun == true, errors.Count == 0, graph.Nodes.Count, graph.Relationships.Count, graph.Nodes.Count - existing, existing, null, errors);
            if (errors.Count > 0)
                return TypedResults.BadRequest(summary);
            if (dryRun == true)
                return TypedResults.Ok(summary);
            var from = "upload of " + string.Join(", ", files.Select(f => Path.GetFileName(f.FileName)).Take(10)) + (context.User.FindFirst(AuthSetup.KeyClaim)?.Value is { } key ? $" with api key '{key}'" : "");
            var result = await writer.ImportAsync(dataset, batch, context.User.UserName(), from, cancellationToken);
            return TypedResults.Ok(summary with { Version = result.Version });
        })
        .WithTags("Import")
        .AddEndpointFilter<ApiErrorFilter>()
        .RequireAuthorization(Policies.Edit)
        .RequireRateLimiting(AuthSetup.RateImports)
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
        .WithSummary("Import CSV files (data/seed format), GraphML or GEXF; dryRun=true checks without writing");
        return app;
    }

    private static async Task<(NetworkGraph Graph, IReadOnlyDictionary<string, string> Locations, IReadOnlyList<ValidationError> Errors)> ReadAsync(IFormFileCollection files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
            throw new InvalidDataException("No file was uploaded; send the CSV files, or one .graphml or .gexf file, as multipart form data.");
        var folder = Path.Combine(Path.GetTempPath(), "network-import", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var known = CsvBundle.NodeFiles.Append(CsvBundle.Relationships).Select(f => f.FileName)
                .Append(KumuSheet.ElementsFile).Append(KumuSheet.ConnectionsFile)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                var name = Path.GetFileName(file.FileName).ToLowerInvariant();
                var extension = Path.GetExtension(name);
                if (!known.Contains(name) && extension is not (".graphml" or ".gexf"))
                    throw new InvalidDataException($"{file.FileName}: not an import file; expected {string.Join(", ", known)}, or a .graphml or .gexf file.");
                await using var target = File.Create(Path.Combine(folder, name));
                await file.CopyToAsync(target, cancellationToken);
            }
            var xml = Directory.GetFiles(folder).Where(f => Path.GetExtension(f) is ".graphml" or ".gexf").ToList();
            if (xml.Count > 0)
            {
                if (files.Count > 1)
                    throw new InvalidDataException("Send one GraphML or GEXF file on its own.");
                return (PlainGraphs.ToDomain(GraphFiles.Read(xml[0]), Path.GetFileName(files[0].FileName)), new Dictionary<string, string>(), []);
            }
            if (KumuSheet.IsSheet(folder))
            {
                var (sheet, errors) = KumuSheet.Read(folder);
                return (sheet, new Dictionary<string, string>(), errors);
            }
            return CsvBundle.ReadLocated(folder, standalone: false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
