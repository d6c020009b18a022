using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class ImportExportTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static MultipartFormDataContent Files(params (string Name, string Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "files", name);
        return form;
    }

    private static async Task<long> Version(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "seed").GetProperty("version").GetInt64();

    [Fact]
    public async Task ALatin1UploadIsRefusedNamingTheFileAndTheByteAndWritesNothing()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var before = await Version(client);
        var form = new MultipartFormDataContent();
        var bytes = System.Text.Encoding.Latin1.GetBytes("id,name,kind,source\norg-l,Université de Liège,university,test\n");
        form.Add(new ByteArrayContent(bytes), "files", "organisations.csv");
        var response = await client.PostAsync("/api/datasets/seed/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("organisations.csv: byte 35 is not UTF-8 text (0xE9)", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await Version(client));
    }

    [Fact]
    public async Task FormulaLeadingNamesAreNeutralisedInTheCsvExport()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/datasets/seed/organisations", new { id = "org-formula", name = "=HYPERLINK(\"http://evil\",\"x\")", kind = "company" })).StatusCode);
        var zip = new System.IO.Compression.ZipArchive(await (await client.GetAsync("/api/datasets/seed/export/csv")).Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("organisations.csv")!.Open());
        var line = (await reader.ReadToEndAsync()).Split('\n').Single(l => l.StartsWith("org-formula,", StringComparison.Ordinal));
        Assert.StartsWith("org-formula,\"'=HYPERLINK", line);
    }

    [Fact]
    public async Task ADryRunReportsEveryRowErrorAndWritesNothing()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsync("/api/datasets/seed/import?dryRun=true", Files(
            ("organisations.csv", "id,name,kind,source\nnew-a,Alpha,company,t\nnew-b,Beta,unicorn,t\n"),
            ("relationships.csv", "type,from,to,source\nLOCATED_IN,new-a,city-nowhere,t\n")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("where").GetString()!.StartsWith("organisations.csv row 3") && e.GetProperty("field").GetString() == "kind");
        Assert.Contains(errors, e => e.GetProperty("where").GetString()!.StartsWith("relationships.csv row 2") && e.GetProperty("message").GetString()!.Contains("city-nowhere"));
        Assert.Equal(1, await Version(client));
    }

    [Fact]
    public async Task AValidDryRunSaysWhatWouldChangeAndARealImportWritesItAll()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        (string, string)[] files =
        [
            ("organisations.csv", "id,name,kind,source\norg-imec,imec (renamed),research-institute,t\nnew-a,Alpha,company,t\n"),
            ("relationships.csv", "type,from,to,source\nLOCATED_IN,new-a,city-leuven,t\n"),
        ];
        var dry = await (await client.PostAsync("/api/datasets/seed/import?dryRun=true", Files(files))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(dry.GetProperty("valid").GetBoolean(), dry.GetRawText());
        Assert.Equal(1, dry.GetProperty("newNodes").GetInt32());
        Assert.Equal(1, dry.GetProperty("changedNodes").GetInt32());
        Assert.Equal(1, await Version(client));

        var real = await client.PostAsync("/api/datasets/seed/import", Files(files));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(2, await Version(client));
        Assert.Equal("imec (renamed)", (await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-imec")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ARealImportWithOneBadRowWritesNothing()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsync("/api/datasets/seed/import", Files(("people.csv", "id,name,source\np-1,Ann,t\np-2,,t\n")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await Version(client));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/datasets/seed/people/p-1")).StatusCode);
    }

    [Fact]
    public async Task AGraphMlFileBecomesOrganisationsAndPartnerships()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var graphml = """
            <graphml><key id="k" for="node" attr.name="kind" attr.type="string"/><key id="w" for="edge" attr.name="weight" attr.type="double"/>
            <graph><node id="g-a"><data key="k">university</data></node><node id="g-b"/><edge source="g-a" target="g-b"><data key="w">3</data></edge></graph></graphml>
            """;
        var response = await client.PostAsync("/api/datasets/seed/import", Files(("partners.graphml", graphml)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var a = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/g-a");
        Assert.Equal("university", a.GetProperty("kind").GetString());
        var tie = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships/PARTNERS_WITH/g-a/g-b");
        Assert.Equal(3, tie.GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task DeeplyNestedXmlIsRefusedBeforeItIsParsedIntoADocument()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var nested = "<graphml><graph>" + string.Concat(Enumerable.Repeat("<x>", 50_000)) + string.Concat(Enumerable.Repeat("</x>", 50_000)) + "</graph></graphml>";
        var response = await client.PostAsync("/api/datasets/seed/import", Files(("deep.graphml", nested)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nest deeper than 32 levels", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnElementWithThousandsOfAttributesIsRefusedBeforeAnyParserReadsIt()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var attributes = string.Concat(Enumerable.Range(0, 100_000).Select(i => $" a{i}=\"v>{i}\""));
        var wide = $"<graphml><graph>\n<node id=\"n\"{attributes}/></graph></graphml>";
        var response = await client.PostAsync("/api/datasets/seed/import", Files(("wide.graphml", wide)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2: an element with more than 256 attributes", await response.Content.ReadAsStringAsync());
        // Attribute values may hold '>' and '=': quoted, they are not counted.
        var fine = "<graphml><graph><node id=\"a\"><!-- x=1 y=2 --></node><node id=\"b=c>d\"/><edge source=\"a\" target=\"b=c>d\"/></graph></graphml>";
        Assert.Null(Network.Data.Formats.GraphFiles.TooManyAttributes(await WriteAsync("fine.graphml", fine)));
    }

    private static async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "network-xml-tests", Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><graphml><graph><node id=\"&c;\"/></graph></graphml>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><graphml><graph><node id=\"&e;\"/></graph></graphml>")]
    public async Task XmlWithEntityExpansionOrExternalEntitiesIsRefused(string attack)
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsync("/api/datasets/seed/import", Files(("attack.graphml", attack)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("DTD", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Version(client));
    }

    [Fact]
    public async Task AnUploadOverTheLimitIsRefused()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var big = "id,name,kind,source\n" + string.Concat(Enumerable.Repeat("x,y,company,t\n", 1_700_000));
        var response = await client.PostAsync("/api/datasets/seed/import", Files(("organisations.csv", big)));
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Equal(1, await Version(client));
    }

    [Fact]
    public async Task ImportsNeedAnEditor()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().PostAsync("/api/datasets/seed/import", Files(("people.csv", "id,name,source\n")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientWithRole(Roles.Viewer).PostAsync("/api/datasets/seed/import", Files(("people.csv", "id,name,source\n")))).StatusCode);
    }

    [Fact]
    public async Task TheCsvExportIsAZipThatImportsBackUnchanged()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var zip = await client.GetByteArrayAsync("/api/datasets/seed/export/csv");
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(7, archive.Entries.Count);
        var form = new MultipartFormDataContent();
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            form.Add(new StringContent(await reader.ReadToEndAsync()), "files", entry.Name);
        }
        var dry = await (await client.PostAsync("/api/datasets/seed/import?dryRun=true", form)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(dry.GetProperty("valid").GetBoolean());
        Assert.Equal(105, dry.GetProperty("nodes").GetInt32());
        Assert.Equal(0, dry.GetProperty("newNodes").GetInt32());
    }

    [Fact]
    public async Task GraphMlAndGexfExportsParseAndCarryMetrics()
    {
        var client = _app.CreateClient();
        var graphml = XDocument.Parse(await client.GetStringAsync("/api/datasets/seed/export/graphml"));
        XNamespace g = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(105, graphml.Descendants(g + "node").Count());
        Assert.Equal(167, graphml.Descendants(g + "edge").Count());
        Assert.Contains(graphml.Descendants(g + "key"), k => (string?)k.Attribute("attr.name") == "betweenness");

        // Undirected, as the organisation network is (Gephi and NetworkX would otherwise compute directed measures);
        // each edge says whether its type reads one way, as the types mix (WORKS_FOR does, PARTNERS_WITH does not).
        Assert.Equal("undirected", (string?)graphml.Descendants(g + "graph").Single().Attribute("edgedefault"));
        var directedKey = (string?)graphml.Descendants(g + "key").Single(k => (string?)k.Attribute("attr.name") == "directed").Attribute("id");
        string? Directed(XElement edge) => (string?)edge.Elements(g + "data").SingleOrDefault(d => (string?)d.Attribute("key") == directedKey);
        string? TypeOf(XElement edge) => (string?)edge.Elements(g + "data").First();
        Assert.All(graphml.Descendants(g + "edge"), e => Assert.Equal(TypeOf(e) is "PARTNERS_WITH" or "TWINNED_WITH" ? "false" : "true", Directed(e)));

        // GEXF 1.3 by default, 1.2 on request (what NetworkX reads: 1.1 and 1.2, not 1.3), the same graph in both.
        foreach (var (query, ns) in new[] { ("", "http://gexf.net/1.3"), ("?version=1.2", "http://www.gexf.net/1.2draft") })
        {
            var gexf = XDocument.Parse(await client.GetStringAsync("/api/datasets/seed/export/gexf" + query));
            XNamespace x = ns;
            Assert.Equal(query == "" ? "1.3" : "1.2", (string?)gexf.Root!.Attribute("version"));
            Assert.Equal("undirected", (string?)gexf.Descendants(x + "graph").Single().Attribute("defaultedgetype"));
            Assert.Equal(167, gexf.Descendants(x + "edge").Count());
            var capricorn = gexf.Descendants(x + "node").Single(n => (string?)n.Attribute("id") == "org-capricorn");
            Assert.Equal("Capricorn Venture Partners", (string?)capricorn.Attribute("label"));
            Assert.True(capricorn.Descendants(x + "attvalue").Count() > 10);
        }
        var unknown = await client.GetAsync("/api/datasets/seed/export/gexf?version=1.0");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("use 1.3 or 1.2", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCypherExportUsesUnwindBatchesWithEscapedLiterals()
    {
        var script = await _app.CreateClient().GetStringAsync("/api/datasets/seed/export/cypher");
        Assert.Contains(":param dataset => 'seed';", script);
        Assert.Contains("CREATE CONSTRAINT organisation_key IF NOT EXISTS FOR (n:Organisation) REQUIRE (n.dataset, n.id) IS UNIQUE;", script);
        Assert.Contains("UNWIND $rows AS row MERGE (n:Node {dataset: $dataset, id: row.id}) SET n += row.props SET n:Organisation SET n.memberSince = date(row.dates.memberSince);", script);
        Assert.Contains("MATCH (a:Node {dataset: $dataset, id: row.from}) MATCH (b:Node {dataset: $dataset, id: row.to}) MERGE (a)-[r:PARTY_TO]->(b)", script);
        // Every parameter line closes each literal it opens: quotes inside values are escaped.
        foreach (var line in script.Split('\n').Where(l => l.StartsWith(":param rows", StringComparison.Ordinal)))
        {
            var inLiteral = false;
            for (var i = 0; i < line.Length; i++)
            {
                if (inLiteral && line[i] == '\\')
                    i++;
                else if (line[i] == '\'')
                    inLiteral = !inLiteral;
            }
            Assert.False(inLiteral, line[..Math.Min(80, line.Length)]);
            Assert.EndsWith("];", line.TrimEnd('\r'));
        }
    }

    [Fact]
    public async Task JsonExportAndUnknownFormats()
    {
        var client = _app.CreateClient();
        var json = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/export/json");
        Assert.Equal(105, json.GetProperty("nodes").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/datasets/seed/export/xlsx")).StatusCode);
    }

    [Fact]
    public async Task AKumuSheetImportsElementsAndInfersConnectionTypes()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsync("/api/datasets/seed/import", Files(
            ("elements.csv", "Label,Type,Country,Role\nPhotonics Lab,University,BE,\nLumen NV,Company,BE,\nEva Claes,Person,,CEO\nGent,City,BE,\n"),
            ("connections.csv", "From,To,Type,Weight\nEva Claes,Lumen NV,,\nLumen NV,Photonics Lab,supplier,2\nPhotonics Lab,Gent,,\n")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var works = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships?type=WORKS_FOR&from=per-eva-claes");
        Assert.Equal("org-lumen-nv", works.GetProperty("items")[0].GetProperty("to").GetString());
        var partners = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships/PARTNERS_WITH/org-lumen-nv/org-photonics-lab");
        Assert.Equal(2, partners.GetProperty("weight").GetDouble());
        Assert.Equal("university", (await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-photonics-lab")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task KumuRowErrorsNameFileRowAndColumn()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsync("/api/datasets/seed/import?dryRun=true", Files(
            ("elements.csv", "Label,Type\nA,Company\nB,Spaceship\n"),
            ("connections.csv", "From,To\nA,Nobody\n")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("where").GetString() == "elements.csv row 3" && e.GetProperty("field").GetString() == "Type");
        Assert.Contains(errors, e => e.GetProperty("where").GetString() == "connections.csv row 2" && e.GetProperty("field").GetString() == "To");
    }
}
