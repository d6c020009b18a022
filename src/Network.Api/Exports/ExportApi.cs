using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Http;
using Network.Api.Nodes;
using Network.Data.Exports;
using Network.Data.Formats;

namespace Network.Api.Exports;

/// <summary>GET /api/datasets/{dataset}/export/{format}: csv (zip of the data/seed files), json, graphml, gexf (with metric values) or cypher.</summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets/{dataset}/export/{format}", async (string dataset, string format, string? version, AnalysisService analysis, CancellationToken cancellationToken) =>
        {
            var snapshot = await analysis.GetAsync(dataset, null, cancellationToken);
            var graph = snapshot.Graph;
            var name = $"{dataset}-v{snapshot.Version}";
            switch (format.ToLowerInvariant())
            {
                case "json":
                    return Results.Json(graph, Data.Storage.GraphJson.Options, "application/json");
                case "graphml":
                {
                    var stream = new MemoryStream();
                    GraphExport.GraphMl(stream, graph, snapshot.Organisations, snapshot.Metrics);
                    return Results.File(stream.ToArray(), "application/graphml+xml", name + ".graphml");
                }
                case "gexf":
                {
                    // 1.3 unless asked for 1.2 (?version=1.2: what NetworkX 2.8 reads).
                    var written = version ?? GraphExport.GexfVersions[0];
                    if (!GraphExport.GexfVersions.Contains(written))
                        return TypedResults.Problem($"GEXF version '{(written.Length <= 20 ? written : written[..20] + "…")}' is not written; use {string.Join(" or ", GraphExport.GexfVersions)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown GEXF version.");
                    var stream = new MemoryStream();
                    GraphExport.Gexf(stream, graph, snapshot.Organisations, snapshot.Metrics, written);
                    return Results.File(stream.ToArray(), "application/gexf+xml", written == GraphExport.GexfVersions[0] ? name + ".gexf" : $"{name}-gexf{written}.gexf");
                }
                case "cypher":
                    return Results.File(Encoding.UTF8.GetBytes(GraphExport.Cypher(graph, dataset)), "application/x-cypher-query", name + ".cypher");
                case "csv":
                {
                    var folder = Path.Combine(Path.GetTempPath(), "network-export", Guid.NewGuid().ToString("N"));
                    try
                    {
                        CsvBundle.Write(graph, folder);
                        var zip = new MemoryStream();
                        ZipFile.CreateFromDirectory(folder, zip);
                        return Results.File(zip.ToArray(), "application/zip", name + ".zip");
                    }
                    finally
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                default:
                    return TypedResults.Problem($"Unknown export format '{format}'; use csv, json, graphml, gexf or cypher.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
            }
        })
        .WithTags("Export")
        .AddEndpointFilter<ApiErrorFilter>()
        .RequireAuthorization(Policies.Read)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Export the dataset: csv, json, graphml, gexf (with metrics) or cypher");
        return app;
    }
}
