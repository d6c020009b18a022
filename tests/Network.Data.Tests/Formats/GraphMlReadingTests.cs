using Network.Data.Formats;

namespace Network.Data.Tests.Formats;

/// <summary>GraphML read as it streams: what the format allows, and every refusal naming the file, line and what is wrong.</summary>
public sealed class GraphMlReadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("graphml-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private GraphFile Read(string xml, string? weight = null)
    {
        var path = Path.Combine(_folder, "g.graphml");
        File.WriteAllText(path, xml);
        return GraphFiles.Read(path, weight);
    }

    private string Refused(string xml, string? weight = null) => Assert.Throws<InvalidDataException>(() => Read(xml, weight)).Message;

    [Fact]
    public void KeysDefaultsDataAndNestedGraphsAreReadAsTheFormatMeansThem()
    {
        var file = Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="d0" for="node" attr.name="label"><desc>a name</desc><default>nameless</default></key>
              <key id="d1" for="edge" attr.name="weight"><default>2.5</default></key>
              <key id="d2" for="all" attr.name="note"/>
              <graph edgedefault="undirected">
                <data key="d2">about the graph</data>
                <node id="a"><data key="d0">Alpha &amp; <![CDATA[Co]]></data><data key="d2">  </data></node>
                <node id="b"/>
                <node id="c">
                  <data key="d0">Gamma</data>
                  <graph id="inner"><node id="hidden"/></graph>
                </node>
                <edge source="a" target="b"/>
                <edge source="b" target="c"><data key="d1">4</data></edge>
                <edge source="c" target="a"><data key="d2">x</data></edge>
              </graph>
              <graph><node id="second-graph"/></graph>
            </graphml>
            """);
        Assert.Equal(["a", "b", "c"], file.Graph.Ids);
        Assert.Equal(new string?[] { "Alpha & Co", "nameless", "Gamma" }, file.NodeAttributes["label"].AsEnumerable());
        Assert.Equal(new string?[] { "  ", null, null }, file.NodeAttributes["note"].AsEnumerable());
        Assert.Equal(2.5, file.Graph.Weight(0, 1));
        Assert.Equal(4, file.Graph.Weight(1, 2));
        Assert.Equal(2.5, file.Graph.Weight(2, 0));
        Assert.Equal("Alpha & Co", file.Name(0));
    }

    [Theory]
    [InlineData("""<graphml><key id="k"/><key id="k"/><graph/></graphml>""", "key id 'k' is declared twice")]
    [InlineData("""<graphml><key id="k"/></graphml>""", "no <graph> element")]
    [InlineData("<graphml><graph>\n<node/></graph></graphml>", "line 2: <node> has no 'id' attribute")]
    [InlineData("<graphml><graph><node id=\"a\">\n<data key=\"x\">1</data></node></graph></graphml>", "line 2: node 'a' has data for undeclared key 'x'")]
    [InlineData("<graphml><graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\"/></graph></graphml>", "line 2: <edge> has no 'target' attribute")]
    [InlineData("<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\"/><graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\">\n<data key=\"w\">heavy</data></edge></graph></graphml>", "line 2: weight 'heavy' is not a number")]
    [InlineData("<graphml><graph><node id=\"a\"/>\n<edge source=\"a\" target=\"z\"/></graph></graphml>", "line 2: edge to unknown node 'z'")]
    [InlineData("<graphml><graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"><data>1</data></edge></graph></graphml>", "<data> has no 'key' attribute")]
    [InlineData("<graphml><graph><node id=\"a\">", "malformed XML at line 1")]
    [InlineData("<!DOCTYPE graphml [<!ENTITY x \"y\">]><graphml><graph/></graphml>", "DTDs and external entities are not allowed")]
    public void WhatIsWrongIsNamedWithItsLine(string xml, string expected)
    {
        var message = Refused(xml);
        Assert.StartsWith("g.graphml: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void ElementsNestedTooDeepAreRefusedWhereverTheyAre()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 40)) + string.Concat(Enumerable.Repeat("</x>", 40));
        Assert.Contains($"nest deeper than {GraphFiles.MaxXmlDepth} levels", Refused($"<graphml><graph><node id=\"a\"><data key=\"k\">{deep}</data></node></graph></graphml>"));
        Assert.Contains($"nest deeper than {GraphFiles.MaxXmlDepth} levels", Refused($"<graphml><key id=\"k\">{deep}</key><graph/></graphml>"));
    }
}
