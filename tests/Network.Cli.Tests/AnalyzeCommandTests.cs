using System.Text.Json;
using Network.Analysis;
using Network.Analysis.Text;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Cli.Tests;

public class AnalyzeCommandTests
{
    private static string Reference(string kind, string file) => Path.Combine(AppContext.BaseDirectory, "reference", kind, file);

    private static async Task<(Cli.Outcome Outcome, JsonElement Json)> AnalyzeToJson(params string[] args)
    {
        var output = Path.Combine(Cli.NewTemporaryFolder(), "out.json");
        var outcome = await Cli.RunAsync([.. args, "--json", output]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return (outcome, JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone());
    }

    private static string Write(string name, string content)
    {
        var path = Path.Combine(Cli.NewTemporaryFolder(), name);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("karate", true)]
    [InlineData("groups", true)]
    [InlineData("lesmis", false)]
    [InlineData("disconnected", false)]
    public async Task TheJsonOfAGraphMlFileHasTheFixedShapeAndTheReferenceValues(string name, bool grouped)
    {
        string[] args = ["analyze", Reference("graphs", name + ".graphml"), "--seed", "1"];
        var (_, json) = await AnalyzeToJson(grouped ? [.. args, "--group", "group"] : args);
        var expected = JsonDocument.Parse(File.ReadAllText(Reference("expected", name + ".json"))).RootElement;

        Assert.Equal(["nodes", "communities", "articulationPoints", "bridges"], json.EnumerateObject().Select(p => p.Name));
        var nodes = json.GetProperty("nodes");
        Assert.Equal(expected.GetProperty("nodes").GetArrayLength(), nodes.EnumerateObject().Count());
        foreach (var node in nodes.EnumerateObject())
        {
            string[] shape = ["degree", "strength", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector", "constraint", "effectiveSize", "efficiency", "hierarchy", "coreNumber", "community"];
            Assert.Equal(grouped ? [.. shape, "brokerage"] : shape, node.Value.EnumerateObject().Select(p => p.Name));
            var reference = expected.GetProperty("expected").GetProperty(node.Name);
            foreach (var metric in new[] { "betweenness", "closeness", "harmonic", "constraint", "effectiveSize", "hierarchy" })
            {
                var want = reference.GetProperty(metric);
                var got = node.Value.GetProperty(metric);
                if (want.ValueKind == JsonValueKind.Null)
                    Assert.Equal(JsonValueKind.Null, got.ValueKind);
                else
                    Assert.True(Math.Abs(want.GetDouble() - got.GetDouble()) < 1e-9, $"{metric} of {node.Name}");
            }
            Assert.True(Math.Abs(reference.GetProperty("pagerank").GetDouble() - node.Value.GetProperty("pagerank").GetDouble()) < 1e-6);
            if (grouped)
                Assert.Equal(["coordinator", "itinerant", "gatekeeper", "representative", "liaison"], node.Value.GetProperty("brokerage").EnumerateObject().Select(p => p.Name));
        }
        Assert.Equal("leiden", json.GetProperty("communities").GetProperty("algorithm").GetString());
        Assert.Equal(
            expected.GetProperty("articulationPoints").EnumerateArray().Select(e => e.GetString()).Order(),
            json.GetProperty("articulationPoints").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(expected.GetProperty("bridges").GetArrayLength(), json.GetProperty("bridges").GetArrayLength());
    }

    [Fact]
    public async Task WithoutAGroupThereIsNoBrokerageAndMetricsCanBeChosen()
    {
        var (_, json) = await AnalyzeToJson("analyze", Reference("graphs", "kite.graphml"), "--metrics", "degree,pagerank");
        var node = json.GetProperty("nodes").EnumerateObject().First().Value;
        Assert.Equal(["degree", "strength", "pagerank"], node.EnumerateObject().Select(p => p.Name));
        Assert.False(json.TryGetProperty("communities", out _));
    }

    [Fact]
    public async Task TheSeedFolderIsAnalysedAsItsOrganisationNetwork()
    {
        var (outcome, json) = await AnalyzeToJson("analyze", "data/seed", "--group", "country");
        Assert.Contains("Top brokers", outcome.Output);
        Assert.Contains("Stad Leuven", outcome.Output);
        Assert.Equal(50, json.GetProperty("nodes").EnumerateObject().Count());
        // Capricorn is the only tie between the Leuven delegation and the two Chinese fund partners.
        Assert.Contains("org-capricorn", json.GetProperty("articulationPoints").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AGexfFileIsRead()
    {
        var path = Write("g.gexf", """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3">
              <graph defaultedgetype="undirected">
                <attributes class="node"><attribute id="0" title="sector" type="string"/></attributes>
                <nodes>
                  <node id="a" label="Alpha"><attvalues><attvalue for="0" value="ict"/></attvalues></node>
                  <node id="b" label="Beta"><attvalues><attvalue for="0" value="bio"/></attvalues></node>
                  <node id="c" label="Gamma"><attvalues><attvalue for="0" value="ict"/></attvalues></node>
                </nodes>
                <edges><edge id="0" source="a" target="b" weight="2"/><edge id="1" source="b" target="c"/></edges>
              </graph>
            </gexf>
            """);
        var (outcome, json) = await AnalyzeToJson("analyze", path, "--group", "sector");
        Assert.Contains("Beta", outcome.Output);
        var beta = json.GetProperty("nodes").GetProperty("b");
        Assert.Equal(3, beta.GetProperty("strength").GetDouble());
        Assert.Equal(1, beta.GetProperty("brokerage").GetProperty("itinerant").GetInt64());
        Assert.Equal(["b"], json.GetProperty("articulationPoints").EnumerateArray().Select(e => e.GetString()));
    }

    public static readonly TheoryData<string, string, string> BadInputs = new()
    {
        { "malformed.graphml", "<graphml><graph><node id=\"a\"></graph></graphml>", "malformed XML at line 1" },
        { "dtd.graphml", "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><graphml><graph><node id=\"&b;\"/></graph></graphml>", "DTD" },
        { "external.graphml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><graphml><graph><node id=\"&e;\"/></graph></graphml>", "DTD" },
        { "duplicate.graphml", "<graphml><graph><node id=\"a\"/><node id=\"a\"/></graph></graphml>", "duplicate node id 'a'" },
        { "loop.graphml", "<graphml><graph><node id=\"a\"/><edge source=\"a\" target=\"a\"/></graph></graphml>", "self-loop on node 'a'" },
        { "negative.graphml", "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/><graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"><data key=\"w\">-2</data></edge></graph></graphml>", "weights must be positive" },
        { "zero.graphml", "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/><graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"><data key=\"w\">0</data></edge></graph></graphml>", "weights must be positive" },
        { "empty.graphml", "<graphml><graph></graph></graphml>", "the graph has no nodes" },
        { "undeclared.graphml", "<graphml><graph><node id=\"a\"><data key=\"x\">1</data></node></graph></graphml>", "undeclared key 'x'" },
        { "dangling.graphml", "<graphml><graph><node id=\"a\"/><edge source=\"a\" target=\"b\"/></graph></graphml>", "edge to unknown node 'b'" },
        { "wrongroot.xml", "<network/>", "not <graphml> or <gexf>" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsOneLineNamingTheProblemAndANonZeroExit(string file, string content, string message)
    {
        var outcome = await Cli.RunAsync("analyze", Write(file, content));
        Assert.NotEqual(0, outcome.ExitCode);
        var lines = outcome.Error.Trim().Split('\n');
        Assert.Single(lines);
        Assert.Contains(file, lines[0]);
        Assert.Contains(message, lines[0]);
    }

    [Theory]
    [InlineData("--weight", "strength", "unknown attribute 'strength'")]
    [InlineData("--group", "colour", "unknown attribute 'colour'")]
    [InlineData("--metrics", "betweenness,fame", "Unknown metric 'fame'")]
    public async Task UnknownAttributesAndMetricsAreNamed(string option, string value, string message)
    {
        var outcome = await Cli.RunAsync("analyze", Reference("graphs", "karate.graphml"), option, value);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(message, outcome.Error);
        Assert.Single(outcome.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task ADataFolderIsAnalysedAsTheServersOrganisationNetworkWithTheSameValues()
    {
        var (outcome, json) = await AnalyzeToJson("analyze", "data/seed");
        using var server = new AnalysisSnapshot(DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "seed")), null, 42);
        var graph = server.Organisations.Graph;
        var holes = server.Metrics.StructuralHoles!;
        Assert.Equal(graph.NodeCount, json.GetProperty("nodes").EnumerateObject().Count());
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var node = json.GetProperty("nodes").GetProperty(graph.Ids[v]);
            Assert.True(Math.Abs(server.Metrics.Betweenness![v] - node.GetProperty("betweenness").GetDouble()) < 1e-12, graph.Ids[v]);
            if (holes.Constraint[v] is { } constraint)
                Assert.True(Math.Abs(constraint - node.GetProperty("constraint").GetDouble()) < 1e-12, graph.Ids[v]);
        }
        // The table names the network and writes the values as every page does.
        Assert.Contains("in the organisation network", outcome.Output);
        var top = Enumerable.Range(0, graph.NodeCount).MaxBy(v => server.Metrics.Betweenness![v]);
        Assert.Contains(Numbers.Format("betweenness", server.Metrics.Betweenness![top]), outcome.Output);
    }
}
