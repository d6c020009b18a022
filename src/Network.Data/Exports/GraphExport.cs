using System.Globalization;
using System.Text;
using System.Xml;
using Network.Analysis;
using Network.Analysis.Domain;
using Network.Analysis.Projection;

namespace Network.Data.Exports;

/// <summary>
/// The whole multi-mode graph as GraphML or GEXF (for Gephi): every node with its label and properties, every
/// relationship as an edge with its type; organisations also carry their metric values. And as a Cypher script.
/// </summary>
public static class GraphExport
{
    private sealed record Column(string Name, string Type, Func<Node, string?> Value);

    private static List<Column> Columns(OrganisationNetwork? network, AnalysisResult? metrics)
    {
        var columns = new List<Column>
        {
            new("label", "string", n => n.Label.ToString()),
            new("name", "string", n => n.DisplayName),
            new("kind", "string", n => n switch { Organisation o => o.Kind, Agreement a => a.Kind, Event e => e.Kind, _ => null }),
            new("country", "string", n => n switch { Organisation o => o.Country, City c => c.Country, _ => null }),
            new("region", "string", n => (n as City)?.Region),
            new("sectors", "string", n => n is Organisation o ? string.Join(';', o.Sectors) : null),
            new("stages", "string", n => n is Organisation o ? string.Join(';', o.Stages) : null),
            new("member", "boolean", n => n is Organisation o ? (o.Member ? "true" : "false") : null),
            new("validFrom", "string", n => (n as Agreement)?.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("validTo", "string", n => (n as Agreement)?.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("source", "string", n => n.Source),
        };
        if (network is not null && metrics is not null)
        {
            string? Metric(Node n, Func<int, double?> value)
            {
                var v = network.Graph.IndexOf(n.Id);
                return v < 0 ? null : value(v)?.ToString("R", CultureInfo.InvariantCulture);
            }
            columns.Add(new("betweenness", "double", n => Metric(n, v => metrics.Betweenness?[v])));
            columns.Add(new("pagerank", "double", n => Metric(n, v => metrics.PageRank?[v])));
            columns.Add(new("eigenvector", "double", n => Metric(n, v => metrics.Eigenvector?[v])));
            columns.Add(new("constraint", "double", n => Metric(n, v => metrics.StructuralHoles?.Constraint[v])));
            columns.Add(new("effectiveSize", "double", n => Metric(n, v => metrics.StructuralHoles?.EffectiveSize[v])));
            columns.Add(new("coreNumber", "int", n => Metric(n, v => metrics.CoreNumbers?[v])));
            columns.Add(new("community", "int", n => Metric(n, v => metrics.Communities?.Community[v])));
        }
        return columns;
    }

    private static string? EdgeWeight(Relationship r) => (r.Weight ?? 1).ToString("R", CultureInfo.InvariantCulture);

    public static void GraphMl(Stream stream, NetworkGraph graph, OrganisationNetwork? network = null, AnalysisResult? metrics = null)
    {
        var columns = Columns(network, metrics);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartElement("graphml", "http://graphml.graphdrawing.org/xmlns");
        for (var i = 0; i < columns.Count; i++)
        {
            xml.WriteStartElement("key");
            xml.WriteAttributeString("id", $"n{i}");
            xml.WriteAttributeString("for", "node");
            xml.WriteAttributeString("attr.name", columns[i].Name);
            xml.WriteAttributeString("attr.type", columns[i].Type);
            xml.WriteEndElement();
        }
        foreach (var (id, name, type) in new[] { ("e0", "type", "string"), ("e1", "weight", "double"), ("e2", "role", "string"), ("e3", "source", "string") })
        {
            xml.WriteStartElement("key");
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", "edge");
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }
        xml.WriteStartElement("graph");
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", node.Id);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Value(node) is { } value)
                {
                    xml.WriteStartElement("data");
                    xml.WriteAttributeString("key", $"n{i}");
                    xml.WriteString(value);
                    xml.WriteEndElement();
                }
            }
            xml.WriteEndElement();
        }
        foreach (var r in graph.Relationships)
        {
            xml.WriteStartElement("edge");
            xml.WriteAttributeString("source", r.From);
            xml.WriteAttributeString("target", r.To);
            foreach (var (key, value) in new[] { ("e0", RelationshipTypes.Name(r.Type)), ("e1", EdgeWeight(r)), ("e2", r.Role), ("e3", r.Source) })
            {
                if (value is null)
                    continue;
                xml.WriteStartElement("data");
                xml.WriteAttributeString("key", key);
                xml.WriteString(value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    public static void Gexf(Stream stream, NetworkGraph graph, OrganisationNetwork? network = null, AnalysisResult? metrics = null)
    {
        var columns = Columns(network, metrics);
        const string ns = "http://gexf.net/1.3";
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartElement("gexf", ns);
        xml.WriteAttributeString("version", "1.3");
        xml.WriteStartElement("graph", ns);
        xml.WriteAttributeString("defaultedgetype", "directed");
        xml.WriteStartElement("attributes", ns);
        xml.WriteAttributeString("class", "node");
        for (var i = 0; i < columns.Count; i++)
        {
            xml.WriteStartElement("attribute", ns);
            xml.WriteAttributeString("id", i.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("title", columns[i].Name);
            xml.WriteAttributeString("type", columns[i].Type == "int" ? "integer" : columns[i].Type);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteStartElement("attributes", ns);
        xml.WriteAttributeString("class", "edge");
        xml.WriteStartElement("attribute", ns);
        xml.WriteAttributeString("id", "type");
        xml.WriteAttributeString("title", "type");
        xml.WriteAttributeString("type", "string");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("nodes", ns);
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node", ns);
            xml.WriteAttributeString("id", node.Id);
            xml.WriteAttributeString("label", node.DisplayName);
            xml.WriteStartElement("attvalues", ns);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Value(node) is { } value)
                {
                    xml.WriteStartElement("attvalue", ns);
                    xml.WriteAttributeString("for", i.ToString(CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("value", value);
                    xml.WriteEndElement();
                }
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteStartElement("edges", ns);
        var index = 0;
        foreach (var r in graph.Relationships)
        {
            xml.WriteStartElement("edge", ns);
            xml.WriteAttributeString("id", (index++).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", r.From);
            xml.WriteAttributeString("target", r.To);
            xml.WriteAttributeString("weight", EdgeWeight(r));
            xml.WriteAttributeString("label", RelationshipTypes.Name(r.Type));
            xml.WriteStartElement("attvalues", ns);
            xml.WriteStartElement("attvalue", ns);
            xml.WriteAttributeString("for", "type");
            xml.WriteAttributeString("value", RelationshipTypes.Name(r.Type));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>
    /// A cypher-shell script: uniqueness constraints, then per label and per relationship type batches of at most
    /// <paramref name="batchSize"/> rows set as a parameter (<c>:param rows => [...]</c>, every value a quoted,
    /// escaped literal) and loaded with <c>UNWIND $rows AS row</c>. Dates are ISO strings.
    /// </summary>
    public static string Cypher(NetworkGraph graph, int batchSize = 500)
    {
        var script = new StringBuilder();
        script.AppendLine("// Network export: load with cypher-shell -f this-file (Neo4j 5).");
        foreach (var label in Enum.GetValues<NodeLabel>())
            script.AppendLine($"CREATE CONSTRAINT {label.ToString().ToLowerInvariant()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;");
        var json = System.Text.Json.JsonSerializer.SerializeToElement(graph.Nodes.Select(n => (object)n).ToList(), Storage.GraphJson.Options);
        foreach (var group in graph.Nodes.Select((n, i) => (n, i)).GroupBy(x => x.n.Label))
        {
            foreach (var chunk in group.Chunk(batchSize))
            {
                var rows = chunk.Select(x => Literal(Without(json[x.i], "label")));
                script.AppendLine($":param rows => [{string.Join(", ", rows)}];");
                script.AppendLine($"UNWIND $rows AS row MERGE (n:{group.Key} {{id: row.id}}) SET n += row;");
            }
        }
        var relationships = System.Text.Json.JsonSerializer.SerializeToElement(graph.Relationships, Storage.GraphJson.Options);
        foreach (var group in graph.Relationships.Select((r, i) => (r, i)).GroupBy(x => x.r.Type))
        {
            foreach (var chunk in group.Chunk(batchSize))
            {
                var rows = chunk.Select(x => $"{{from: {Quote(x.r.From)}, to: {Quote(x.r.To)}, props: {Literal(Without(relationships[x.i], "type", "from", "to"))}}}");
                script.AppendLine($":param rows => [{string.Join(", ", rows)}];");
                script.AppendLine($"UNWIND $rows AS row MATCH (a {{id: row.from}}) MATCH (b {{id: row.to}}) MERGE (a)-[r:{RelationshipTypes.Name(group.Key)}]->(b) SET r += row.props;");
            }
        }
        return script.ToString();
    }

    private static Dictionary<string, System.Text.Json.JsonElement> Without(System.Text.Json.JsonElement element, params string[] names) =>
        element.EnumerateObject().Where(p => !names.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value);

    private static string Literal(Dictionary<string, System.Text.Json.JsonElement> map) =>
        "{" + string.Join(", ", map.Select(kv => $"`{kv.Key.Replace("`", "``", StringComparison.Ordinal)}`: {Literal(kv.Value)}")) + "}";

    private static string Literal(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => Quote(value.GetString()!),
        System.Text.Json.JsonValueKind.Number => value.GetRawText(),
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        System.Text.Json.JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Literal)) + "]",
        System.Text.Json.JsonValueKind.Object => Literal(value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)),
        _ => "null",
    };

    /// <summary>A Cypher string literal: single-quoted, with backslash, quote and control characters escaped.</summary>
    public static string Quote(string text)
    {
        var literal = new StringBuilder("'");
        foreach (var c in text)
        {
            literal.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return literal.Append('\'').ToString();
    }
}
