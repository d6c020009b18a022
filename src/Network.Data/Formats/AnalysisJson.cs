using System.Text.Json;
using Network.Analysis;

namespace Network.Data.Formats;

/// <summary>
/// Writes an analysis in the fixed JSON shape of `network analyze --json`:
/// {"nodes": {"id": {"degree", "strength", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector",
/// "constraint"|null, "effectiveSize"|null, "efficiency"|null, "hierarchy"|null, "coreNumber", "community",
/// "brokerage": {...}}}, "communities": {"algorithm", "modularity", "count"}, "articulationPoints": [ids], "bridges": [[id, id]]}.
/// Metrics not computed are left out; "brokerage" appears only with a group attribute.
/// </summary>
public static class AnalysisJson
{
    public static void Write(Stream stream, AnalysisResult result)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var graph = result.Graph;
        json.WriteStartObject();
        json.WriteStartObject("nodes");
        for (var v = 0; v < graph.NodeCount; v++)
        {
            json.WriteStartObject(graph.Ids[v]);
            json.WriteNumber("degree", graph.Degree(v));
            json.WriteNumber("strength", graph.Strength(v));
            Number(json, "betweenness", result.Betweenness, v);
            Number(json, "closeness", result.Closeness, v);
            Number(json, "harmonic", result.Harmonic, v);
            Number(json, "pagerank", result.PageRank, v);
            Number(json, "eigenvector", result.Eigenvector, v);
            if (result.StructuralHoles is { } holes)
            {
                Nullable(json, "constraint", holes.Constraint[v]);
                Nullable(json, "effectiveSize", holes.EffectiveSize[v]);
                Nullable(json, "efficiency", holes.Efficiency[v]);
                Nullable(json, "hierarchy", holes.Hierarchy[v]);
            }
            if (result.CoreNumbers is { } cores)
                json.WriteNumber("coreNumber", cores[v]);
            if (result.Communities is { } communities)
                json.WriteNumber("community", communities.Community[v]);
            if (result.Brokerage is { } brokerage)
            {
                var roles = brokerage[v];
                json.WriteStartObject("brokerage");
                json.WriteNumber("coordinator", roles.Coordinator);
                json.WriteNumber("itinerant", roles.Itinerant);
                json.WriteNumber("gatekeeper", roles.Gatekeeper);
                json.WriteNumber("representative", roles.Representative);
                json.WriteNumber("liaison", roles.Liaison);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (result.Communities is { } c)
        {
            json.WriteStartObject("communities");
            json.WriteString("algorithm", c.Algorithm);
            json.WriteNumber("modularity", c.Modularity);
            json.WriteNumber("count", c.Count);
            json.WriteEndObject();
        }
        json.WriteStartArray("articulationPoints");
        foreach (var point in result.ArticulationPoints)
            json.WriteStringValue(graph.Ids[point]);
        json.WriteEndArray();
        json.WriteStartArray("bridges");
        foreach (var (u, v) in result.Bridges)
        {
            json.WriteStartArray();
            json.WriteStringValue(graph.Ids[u]);
            json.WriteStringValue(graph.Ids[v]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double[]? values, int v)
    {
        if (values is not null)
            json.WriteNumber(name, values[v]);
    }

    private static void Nullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } x)
            json.WriteNumber(name, x);
        else
            json.WriteNull(name);
    }
}
