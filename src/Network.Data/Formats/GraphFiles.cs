using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Network.Analysis.Domain;
using Network.Analysis.Graphs;
using Network.Analysis.Projection;

namespace Network.Data.Formats;

/// <summary>A plain graph read from a file, with its node attributes (values in node order; null = missing).</summary>
public sealed record GraphFile(string Path, string Format, WeightedGraph Graph, IReadOnlyDictionary<string, string?[]> NodeAttributes)
{
    /// <summary>Which network the graph is: a data folder's organisation network (the server's), its cities' twinnings, or the file's own.</summary>
    public string Network { get; init; } = "network in the file";

    /// <summary>What a person reads for node v: its label or name attribute, else its id.</summary>
    public string Name(int v) =>
        (NodeAttributes.GetValueOrDefault("label") ?? NodeAttributes.GetValueOrDefault("name"))?[v] ?? Graph.Ids[v];

    /// <summary>Group index per node from an attribute; a missing value is its own group "(none)".</summary>
    public int[] Groups(string attribute)
    {
        if (!NodeAttributes.TryGetValue(attribute, out var values))
            throw new InvalidDataException($"{System.IO.Path.GetFileName(Path)}: unknown attribute '{attribute}' (node attributes: {Describe(NodeAttributes.Keys)}).");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        return values.Select(v => index.TryGetValue(v ?? "(none)", out var g) ? g : index[v ?? "(none)"] = index.Count).ToArray();
    }

    internal static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}

/// <summary>
/// Reads GraphML, GEXF and the CSV bundle format into an undirected weighted graph. XML is read without DTDs and
/// without resolving external entities. Every refusal is an <see cref="InvalidDataException"/> whose message names
/// the file and the problem in one line: malformed XML (with line), a DTD, an unknown attribute, duplicate ids,
/// self-loops, edges to unknown nodes, weights that are not positive numbers, an empty graph.
/// Edges listed twice (or in both directions) become one tie with the summed weight.
/// </summary>
public static class GraphFiles
{
    public static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
    };

    /// <summary>GraphML and GEXF nest five or six levels deep; far deeper is no graph but an attack on the parser.</summary>
    public const int MaxXmlDepth = 32;

    /// <summary>A GraphML or GEXF element has a handful of attributes; thousands on one element are an attack on the parser.</summary>
    public const int MaxXmlAttributesPerElement = 256;

    /// <summary>Attributes in the whole file: generous for a million-tie GEXF, far below what exhausts memory.</summary>
    public const long MaxXmlAttributes = 20_000_000;

    /// <summary>
    /// Counts attributes per start tag and in all, in one pass over the characters, before any XML parser sees the
    /// file (the parser would first build an element's every attribute, however many): the file and line of the
    /// first element over the limit, or null.
    /// </summary>
    public static string? TooManyAttributes(string path)
    {
        using var reader = TextFiles.OpenUtf8(path);
        long line = 1, total = 0;
        var (inTag, quote, inElement, attributes) = (false, '\0', false, 0);
        int c;
        var previous = '\0';
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (ch == '\n')
                line++;
            if (quote != '\0')
            {
                if (ch == quote)
                    quote = '\0';
            }
            else if (!inTag)
            {
                if (ch == '<')
                    (inTag, inElement, attributes) = (true, true, 0);
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
            }
            else if (ch == '>')
            {
                inTag = false;
            }
            else if (ch == '=' && inElement)
            {
                if (++attributes > MaxXmlAttributesPerElement)
                    return $"line {line}: an element with more than {MaxXmlAttributesPerElement} attributes; GraphML and GEXF need a few";
                if (++total > MaxXmlAttributes)
                    return $"line {line}: more than {MaxXmlAttributes:N0} attributes in the file";
            }
            else if (previous == '<' && ch is '!' or '?')
            {
                inElement = false; // a comment, CDATA or processing instruction
            }
            previous = ch;
        }
        return null;
    }

    /// <param name="path">A .graphml or .gexf file, or a folder of CSV files (with its mapping.json, or in the data/seed format).</param>
    /// <param name="weightAttribute">Edge attribute holding tie strengths; "weight" when present, else every tie weighs 1.</param>
    public static GraphFile Read(string path, string? weightAttribute = null, DateOnly? asOf = null)
    {
        var name = System.IO.Path.GetFileName(path.TrimEnd('/', '\\'));
        if (Directory.Exists(path))
            return ReadBundle(path, name, weightAttribute, asOf);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No file or folder '{path}'.");
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".graphml" or ".gexf" or ".xml"))
            throw new InvalidDataException($"{name}: unknown format '{extension}'; use .graphml, .gexf or a folder of CSV files like data/seed.");

        if (TooManyAttributes(path) is { } tooMany)
            throw new InvalidDataException($"{name}: refused: {tooMany}.");
        GraphFile graph;
        try
        {
            // GraphML is read in one pass as it streams (a 10,000-node file in a third of the time of building its
            // document first); GEXF from the document, after a pass that checks how deep its elements nest.
            if (RootName(path) == "graphml")
            {
                graph = ReadGraphMl(path, name, weightAttribute);
            }
            else
            {
                using (var check = XmlReader.Create(path, SafeXml))
                {
                    while (check.Read())
                        Deep(check, name);
                }
                XDocument document;
                using (var reader = XmlReader.Create(path, SafeXml))
                    document = XDocument.Load(reader, LoadOptions.SetLineInfo);
                graph = document.Root?.Name.LocalName switch
                {
                    "gexf" => ReadGexf(document, path, name, weightAttribute),
                    var other => throw new InvalidDataException($"{name}: the root element is <{other}>, not <graphml> or <gexf>."),
                };
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{name}: refused: the file declares a DTD (<!DOCTYPE>); DTDs and external entities are not allowed.");
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{name}: malformed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message.Split('.')[0]}.");
        }

        if (graph.Graph.NodeCount == 0)
            throw new InvalidDataException($"{name}: the graph has no nodes.");
        return graph;
    }

    /// <summary>The local name of the file's root element (null when it has none); reading stops there.</summary>
    private static string? RootName(string path)
    {
        using var reader = XmlReader.Create(path, SafeXml);
        return reader.MoveToContent() == XmlNodeType.Element ? reader.LocalName : null;
    }

    /// <summary>Refuses a node nested deeper than <see cref="MaxXmlDepth"/>.</summary>
    private static void Deep(XmlReader reader, string name)
    {
        if (reader.Depth > MaxXmlDepth)
            throw new InvalidDataException($"{name}: elements nest deeper than {MaxXmlDepth} levels at line {((IXmlLineInfo)reader).LineNumber}; GraphML and GEXF need six.");
    }

    private sealed record GraphMlKey(string Id, string For, string Name)
    {
        public string? Default { get; set; }
    }

    /// <summary>
    /// GraphML as it streams: the keys (before the graph, as the format has them), then the first graph's nodes and
    /// edges with their data; other graphs, nested graphs and anything else are passed over. Text inside a data or
    /// default element is taken whole, as its element's value.
    /// </summary>
    private static GraphFile ReadGraphMl(string path, string name, string? weightAttribute)
    {
        using var reader = XmlReader.Create(path, SafeXml);
        var line = (IXmlLineInfo)reader;
        var keys = new Dictionary<string, GraphMlKey>(StringComparer.Ordinal);
        Dictionary<string, GraphMlKey>? nodeKeys = null, edgeKeys = null;
        Dictionary<string, List<string?>>? attributes = null;
        string? weightKey = null;
        var ids = new List<string>();
        var edges = new List<(string, string, double, int)>();
        var (graphs, inGraph) = (0, false);

        // The element being read at depth 1 (a key), 2 (a node or an edge) and 3 (its data), and the text collected.
        GraphMlKey? key = null;
        var (item, itemLine, source, target) = ("", 0, (string?)null, (string?)null);
        Dictionary<string, string>? nodeData = null;
        var (edgeWeight, edgeHasWeight) = (1.0, false);
        var (dataKey, dataLine, collecting) = ("", 0, false);
        var text = new System.Text.StringBuilder();

        string Required(string attribute, string element) =>
            reader.GetAttribute(attribute) ?? throw new InvalidDataException($"{name}: line {line.LineNumber}: <{element}> has no '{attribute}' attribute.");

        void EndItem()
        {
            if (item == "node")
            {
                foreach (var k in nodeKeys!.Values)
                    attributes![k.Name].Add(nodeData!.GetValueOrDefault(k.Id) ?? k.Default);
            }
            else if (item == "edge")
            {
                if (weightKey is not null && !edgeHasWeight && edgeKeys![weightKey].Default is { } fallback)
                    edgeWeight = Number(fallback, name, itemLine);
                if (source is null || target is null)
                    throw new InvalidDataException($"{name}: line {itemLine}: <edge> has no '{(source is null ? "source" : "target")}' attribute.");
                edges.Add((source, target, edgeWeight, itemLine));
            }
            item = "";
        }

        void EndData()
        {
            collecting = false;
            if (key is not null)
            {
                key.Default = text.ToString();
                return;
            }
            if (item == "node")
            {
                if (!nodeKeys!.ContainsKey(dataKey))
                    throw new InvalidDataException($"{name}: line {dataLine}: node '{ids[^1]}' has data for undeclared key '{dataKey}'.");
                nodeData![dataKey] = text.ToString();
            }
            else
            {
                if (!edgeKeys!.ContainsKey(dataKey))
                    throw new InvalidDataException($"{name}: line {dataLine}: an edge has data for undeclared key '{dataKey}'.");
                if (dataKey == weightKey)
                    (edgeWeight, edgeHasWeight) = (Number(text.ToString(), name, dataLine), true);
            }
        }

        while (reader.Read())
        {
            Deep(reader, name);
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when collecting:
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.Element:
                    var (depth, local, empty) = (reader.Depth, reader.LocalName, reader.IsEmptyElement);
                    if (depth == 1 && local == "key" && graphs == 0)
                    {
                        var id = Required("id", "key");
                        key = new GraphMlKey(id, reader.GetAttribute("for") ?? "all", reader.GetAttribute("attr.name") ?? id);
                        if (!keys.TryAdd(id, key))
                            throw new InvalidDataException($"{name}: key id '{id}' is declared twice.");
                        if (empty)
                            key = null;
                    }
                    else if (depth == 2 && local == "default" && key is not null)
                    {
                        (collecting, dataKey) = (!empty, "");
                        text.Clear();
                        if (empty)
                            key.Default = "";
                    }
                    else if (depth == 1 && local == "graph" && graphs++ == 0)
                    {
                        inGraph = !empty;
                        nodeKeys = keys.Values.Where(k => k.For is "node" or "all").ToDictionary(k => k.Id, StringComparer.Ordinal);
                        edgeKeys = keys.Values.Where(k => k.For is "edge" or "all").ToDictionary(k => k.Id, StringComparer.Ordinal);
                        weightKey = ResolveWeight(name, weightAttribute, edgeKeys.Values.Select(k => (k.Id, k.Name)).ToList());
                        attributes = nodeKeys.Values.ToDictionary(k => k.Name, _ => new List<string?>());
                    }
                    else if (depth == 2 && inGraph && local is "node" or "edge")
                    {
                        (item, itemLine) = (local, line.LineNumber);
                        if (local == "node")
                        {
                            ids.Add(Required("id", "node"));
                            nodeData = new Dictionary<string, string>(StringComparer.Ordinal);
                        }
                        else
                        {
                            (source, target, edgeWeight, edgeHasWeight) = (reader.GetAttribute("source"), reader.GetAttribute("target"), 1.0, false);
                        }
                        if (empty)
                            EndItem();
                    }
                    else if (depth == 3 && item != "" && local == "data")
                    {
                        (dataKey, dataLine) = (Required("key", "data"), line.LineNumber);
                        text.Clear();
                        collecting = true;
                        if (empty)
                            EndData();
                    }
                    break;
                case XmlNodeType.EndElement:
                    if (collecting && reader.Depth == (key is not null ? 2 : 3))
                        EndData();
                    else if (reader.Depth == 2 && item != "")
                        EndItem();
                    else if (reader.Depth == 1)
                        (key, inGraph) = (null, false);
                    break;
            }
        }
        if (graphs == 0)
            throw new InvalidDataException($"{name}: no <graph> element.");
        return Build(path, "graphml", name, ids, edges, attributes!.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    private static GraphFile ReadGexf(XDocument document, string path, string name, string? weightAttribute)
    {
        var graphElement = document.Root!.Elements().FirstOrDefault(e => e.Name.LocalName == "graph")
            ?? throw new InvalidDataException($"{name}: no <graph> element.");
        IEnumerable<XElement> Children(XElement parent, string local) => parent.Elements().Where(e => e.Name.LocalName == local);
        var declared = Children(graphElement, "attributes")
            .SelectMany(a => Children(a, "attribute").Select(x => (Class: (string?)a.Attribute("class") ?? "node", Id: Attr(x, "id", name), Title: (string?)x.Attribute("title") ?? Attr(x, "id", name))))
            .ToList();
        var nodeAttributes = declared.Where(d => d.Class == "node").ToDictionary(d => d.Id);
        var edgeAttributes = declared.Where(d => d.Class == "edge").ToDictionary(d => d.Id);

        // "weight" is GEXF's own edge attribute; others are declared edge attributes.
        string? weightId = null;
        if (weightAttribute is not null && weightAttribute != "weight")
        {
            weightId = edgeAttributes.Values.FirstOrDefault(a => a.Title == weightAttribute || a.Id == weightAttribute).Id
                ?? throw new InvalidDataException($"{name}: unknown attribute '{weightAttribute}' (edge attributes: weight{(edgeAttributes.Count > 0 ? ", " : "")}{string.Join(", ", edgeAttributes.Values.Select(a => a.Title))}).");
        }

        var ids = new List<string>();
        var attributes = nodeAttributes.Values.ToDictionary(a => a.Title, _ => new List<string?>());
        attributes["label"] = [];
        var nodes = Children(graphElement, "nodes").SelectMany(n => Children(n, "node"));
        foreach (var node in nodes)
        {
            ids.Add(Attr(node, "id", name));
            attributes["label"].Add((string?)node.Attribute("label"));
            var values = new Dictionary<string, string>();
            foreach (var value in Children(node, "attvalues").SelectMany(a => Children(a, "attvalue")))
            {
                var key = Attr(value, "for", name);
                if (!nodeAttributes.ContainsKey(key))
                    throw new InvalidDataException($"{name}: line {Line(value)}: node '{ids[^1]}' has a value for undeclared attribute '{key}'.");
                values[key] = Attr(value, "value", name);
            }
            foreach (var a in nodeAttributes.Values)
                attributes[a.Title].Add(values.GetValueOrDefault(a.Id));
        }

        var edges = new List<(string, string, double, int)>();
        foreach (var edge in Children(graphElement, "edges").SelectMany(e => Children(e, "edge")))
        {
            var weight = 1.0;
            if (weightId is null && (string?)edge.Attribute("weight") is { } native)
                weight = Number(native, name, Line(edge));
            foreach (var value in Children(edge, "attvalues").SelectMany(a => Children(a, "attvalue")))
            {
                var key = Attr(value, "for", name);
                if (!edgeAttributes.ContainsKey(key))
                    throw new InvalidDataException($"{name}: line {Line(value)}: an edge has a value for undeclared attribute '{key}'.");
                if (key == weightId)
                    weight = Number(Attr(value, "value", name), name, Line(value));
            }
            edges.Add((Attr(edge, "source", name), Attr(edge, "target", name), weight, Line(edge)));
        }
        return Build(path, "gexf", name, ids, edges, attributes.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    private static GraphFile ReadBundle(string path, string name, string? weightAttribute, DateOnly? asOf)
    {
        if (weightAttribute is not null && weightAttribute != "weight")
            throw new InvalidDataException($"{name}: unknown attribute '{weightAttribute}' (the organisation network's only tie attribute is weight: shared agreements, people, events and partnerships).");
        NetworkGraph graph;
        try
        {
            graph = DataFolder.Read(path);
        }
        catch (ValidationFailedException e)
        {
            throw new InvalidDataException($"{name}: {e.Message}");
        }
        var network = OrganisationProjection.Project(graph, asOf);
        if (network.Graph.NodeCount == 0)
        {
            // A folder of cities alone (twin towns) is analysed as the network of its twinnings.
            var cities = graph.OfType<City>().ToList();
            if (cities.Count == 0)
                throw new InvalidDataException($"{name}: the graph has no nodes (no organisations and no cities).");
            var index = cities.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var twinnings = graph.OfType(RelationshipType.TwinnedWith)
                .Where(r => index.ContainsKey(r.From) && index.ContainsKey(r.To) && (asOf is not { } d || (r.Since ?? DateOnly.MinValue) <= d))
                .Select(r => (Math.Min(index[r.From], index[r.To]), Math.Max(index[r.From], index[r.To])))
                .Distinct().Select(e => (e.Item1, e.Item2, 1.0));
            return new GraphFile(path, "csv", Network.Analysis.Graphs.WeightedGraph.Create(cities.Select(c => c.Id).ToList(), twinnings), new Dictionary<string, string?[]>
            {
                ["name"] = cities.Select(c => (string?)c.Name).ToArray(),
                ["country"] = cities.Select(c => (string?)c.Country).ToArray(),
                ["region"] = cities.Select(c => c.Region).ToArray(),
            })
            { Network = "network of twinned cities" };
        }
        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => nodes.GetValueOrDefault(r.To) is City)
            .GroupBy(r => r.From)
            .ToDictionary(g => g.Key, g => (City)nodes[g.First().To]);
        var organisations = network.Organisations;
        var attributes = new Dictionary<string, string?[]>
        {
            ["name"] = organisations.Select(o => (string?)o.Name).ToArray(),
            ["kind"] = organisations.Select(o => (string?)o.Kind).ToArray(),
            ["city"] = organisations.Select(o => cityOf.GetValueOrDefault(o.Id)?.Name).ToArray(),
            ["region"] = organisations.Select(o => cityOf.GetValueOrDefault(o.Id)?.Region).ToArray(),
            ["country"] = organisations.Select(o => cityOf.GetValueOrDefault(o.Id)?.Country ?? o.Country).ToArray(),
            ["sector"] = organisations.Select(o => o.Sectors.Count > 0 ? o.Sectors[0] : null).ToArray(),
            ["member"] = organisations.Select(o => (string?)(o.Member ? "member" : "non-member")).ToArray(),
        };
        return new GraphFile(path, "csv", network.Graph, attributes) { Network = Network.Analysis.Insights.BrokerNetworks.Organisations };
    }

    private static string? ResolveWeight(string name, string? weightAttribute, IReadOnlyList<(string Id, string Name)> edgeKeys)
    {
        if (weightAttribute is null)
            return edgeKeys.FirstOrDefault(k => k.Name == "weight").Id;
        return edgeKeys.FirstOrDefault(k => k.Name == weightAttribute || k.Id == weightAttribute).Id
            ?? throw new InvalidDataException($"{name}: unknown attribute '{weightAttribute}' (edge attributes: {GraphFile.Describe(edgeKeys.Select(k => k.Name))}).");
    }

    private static GraphFile Build(string path, string format, string name, List<string> ids, List<(string Source, string Target, double Weight, int Line)> edges, Dictionary<string, string?[]> attributes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!index.TryAdd(id, index.Count))
                throw new InvalidDataException($"{name}: duplicate node id '{id}'.");
        }
        var list = new List<(int, int, double)>(edges.Count);
        foreach (var (source, target, weight, line) in edges)
        {
            if (!index.TryGetValue(source, out var u))
                throw new InvalidDataException($"{name}: line {line}: edge from unknown node '{source}'.");
            if (!index.TryGetValue(target, out var v))
                throw new InvalidDataException($"{name}: line {line}: edge to unknown node '{target}'.");
            if (u == v)
                throw new InvalidDataException($"{name}: line {line}: self-loop on node '{source}'; a node cannot be tied to itself.");
            if (!(weight > 0) || !double.IsFinite(weight))
                throw new InvalidDataException($"{name}: line {line}: edge '{source}'–'{target}' has weight {weight.ToString(CultureInfo.InvariantCulture)}; weights must be positive numbers.");
            list.Add((u, v, weight));
        }
        return new GraphFile(path, format, WeightedGraph.Create(ids, list), attributes);
    }

    private static string Attr(XElement element, string attribute, string name) =>
        (string?)element.Attribute(attribute)
        ?? throw new InvalidDataException($"{name}: line {Line(element)}: <{element.Name.LocalName}> has no '{attribute}' attribute.");

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private static double Number(string text, string name, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{name}: line {line}: weight '{text}' is not a number.");
}
