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
        foreach (var (id, name, type) in new[] { ("e0", "type", "string"), ("e1", "weight", "double"), ("e2", "role", "string"), ("e3", "source", "string"), ("e4", "directed", "boolean") })
        {
            xml.WriteStartElement("key");
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", "edge");
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }
        xml.WriteStartElement("graph");
        // The organisation network is undirected and so are the analyses: Gephi and NetworkX read it so. Each edge still
        // lists its ends in the relationship's own order (a person WORKS_FOR an organisation), its type says which, and
        // "directed" whether that order means something (the relationship types mix: PARTNERS_WITH is mutual).
        xml.WriteAttributeString("edgedefault", "undirected");
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
            foreach (var (key, value) in new[] { ("e0", RelationshipTypes.Name(r.Type)), ("e1", EdgeWeight(r)), ("e2", r.Role), ("e3", r.Source), ("e4", RelationshipTypes.Directed(r.Type) ? "true" : "false") })
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

    /// <summary>The GEXF versions written: 1.3 (Gephi's current) and 1.2 (what NetworkX 2.8 reads, which knows 1.1 and 1.2 only).</summary>
    public static readonly IReadOnlyList<string> GexfVersions = ["1.3", "1.2"];

    public static void Gexf(Stream stream, NetworkGraph graph, OrganisationNetwork? network = null, AnalysisResult? metrics = null, string version = "1.3")
    {
        var columns = Columns(network, metrics);
        var ns = version switch
        {
            "1.3" => "http://gexf.net/1.3",
            "1.2" => "http://www.gexf.net/1.2draft",
            _ => throw new ArgumentException($"GEXF version '{version}' is not written; use {string.Join(" or ", GexfVersions)}.", nameof(version)),
        };
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartElement("gexf", ns);
        xml.WriteAttributeString("version", version);
        xml.WriteStartElement("graph", ns);
        xml.WriteAttributeString("defaultedgetype", "undirected");
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
        foreach (var (id, type) in new[] { ("type", "string"), ("directed", "boolean") })
        {
            xml.WriteStartElement("attribute", ns);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("title", id);
            xml.WriteAttributeString("type", type);
            xml.WriteEndElement();
        }
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
            foreach (var (key, value) in new[] { ("type", RelationshipTypes.Name(r.Type)), ("directed", RelationshipTypes.Directed(r.Type) ? "true" : "false") })
            {
                xml.WriteStartElement("attvalue", ns);
                xml.WriteAttributeString("for", key);
                xml.WriteAttributeString("value", value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>
    /// A cypher-shell script that builds the dataset in Neo4j in the store's model: every record a
    /// <c>(:Node:&lt;Label&gt; {dataset, id, …})</c> node with its fields as native properties (lists as lists, dates as
    /// Neo4j dates; <see cref="Storage.Neo4jProperties"/>), every relationship with its fields, a uniqueness constraint on
    /// (dataset, id) for :Node and for each label, endpoints found by label and key. The rows go in batches of at most
    /// <paramref name="batchSize"/> as a parameter (<c>:param rows => [...]</c>, every value a quoted, escaped literal)
    /// loaded with <c>UNWIND $rows AS row</c>; the queries of docs/cypher/ then run on it.
    /// </summary>
    public static string Cypher(NetworkGraph graph, string dataset, int batchSize = 500)
    {
        var script = new StringBuilder();
        script.AppendLine("// Network export: load with cypher-shell -f this-file (Neo4j 5).");
        script.AppendLine($":param dataset => {Quote(dataset)};");
        script.AppendLine("CREATE CONSTRAINT node_key IF NOT EXISTS FOR (n:Node) REQUIRE (n.dataset, n.id) IS UNIQUE;");
        foreach (var label in Enum.GetValues<NodeLabel>())
            script.AppendLine($"CREATE CONSTRAINT {label.ToString().ToLowerInvariant()}_key IF NOT EXISTS FOR (n:{label}) REQUIRE (n.dataset, n.id) IS UNIQUE;");
        // The store's rows (Neo4jProperties), so the export and the store write one model; the statements add to what
        // a node or relationship already has (SET +=) instead of replacing it, as loading into someone's database should.
        foreach (var group in graph.Nodes.GroupBy(n => n.Label))
        {
            var setDates = Storage.Neo4jProperties.SetDates("n", Storage.Neo4jProperties.DateFieldsOf(group.Key));
            foreach (var chunk in group.Chunk(batchSize))
            {
                script.AppendLine($":param rows => [{string.Join(", ", chunk.Select(n => Literal(Storage.Neo4jProperties.NodeRow(n, dataset))))}];");
                script.AppendLine($"UNWIND $rows AS row MERGE (n:Node {{dataset: $dataset, id: row.id}}) SET n += row.props SET n:{group.Key}{setDates};");
            }
        }
        var relationshipDates = Storage.Neo4jProperties.SetDates("r", Storage.Neo4jProperties.RelationshipDateFields);
        foreach (var group in graph.Relationships.GroupBy(r => r.Type))
        {
            foreach (var chunk in group.Chunk(batchSize))
            {
                script.AppendLine($":param rows => [{string.Join(", ", chunk.Select(r => Literal(Storage.Neo4jProperties.RelationshipRow(r))))}];");
                script.AppendLine($"UNWIND $rows AS row MATCH (a:Node {{dataset: $dataset, id: row.from}}) MATCH (b:Node {{dataset: $dataset, id: row.to}}) MERGE (a)-[r:{RelationshipTypes.Name(group.Key)}]->(b) SET r += row.props{relationshipDates};");
            }
        }
        return script.ToString();
    }

    /// <summary>A Cypher map literal of plain values (text, numbers, truth values, lists of them).</summary>
    private static string Literal(Dictionary<string, object?> map) =>
        "{" + string.Join(", ", map.Select(kv => $"`{kv.Key.Replace("`", "``", StringComparison.Ordinal)}`: {Literal(kv.Value)}")) + "}";

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => Quote(text),
        bool truth => truth ? "true" : "false",
        long whole => whole.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Dictionary<string, object?> map => Literal(map),
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Literal)) + "]",
        _ => Quote(value.ToString() ?? ""),
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
