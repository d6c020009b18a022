using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Network.Api.Auth;
using Network.Tests;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class MappedImportTests : IDisposable
{
    private readonly NetworkApplication _app = new();
    private static readonly string Cordis = Path.Combine(RepositoryPaths.Root, "data", "cordis-h2020-leuven");

    public void Dispose() => _app.Dispose();

    private static MultipartFormDataContent CordisFiles()
    {
        var form = new MultipartFormDataContent();
        foreach (var file in Directory.GetFiles(Cordis, "*.csv"))
            form.Add(new ByteArrayContent(File.ReadAllBytes(file)), "files", Path.GetFileName(file));
        return form;
    }

    [Fact]
    public async Task AMappingIsProposedFromTheHeaders()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var proposal = await (await client.PostAsync("/api/mappings/propose?name=cordis", CordisFiles())).Content.ReadFromJsonAsync<JsonElement>();
        var nodes = proposal.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("file").GetString()!, n => n);
        Assert.Equal("Organisation", nodes["organisations.csv"].GetProperty("label").GetString());
        Assert.Equal("type", nodes["organisations.csv"].GetProperty("properties").GetProperty("kind").GetProperty("column").GetString());
        Assert.Equal("city", nodes["organisations.csv"].GetProperty("city").GetProperty("name").GetString());
        Assert.Equal("Agreement", nodes["projects.csv"].GetProperty("label").GetString());
        Assert.Equal("start", nodes["projects.csv"].GetProperty("properties").GetProperty("validFrom").GetProperty("column").GetString());
        var link = proposal.GetProperty("relationships").EnumerateArray().Single();
        Assert.Equal("PARTY_TO", link.GetProperty("type").GetString());
        Assert.Equal("organisation_id", link.GetProperty("from").GetProperty("id").GetProperty("column").GetString());
        Assert.Equal("org-", link.GetProperty("from").GetProperty("id").GetProperty("prefix").GetString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{bad")]
    public async Task AMappingThatIsNotOneIsAProblemNamingItNotAServerError(string mapping)
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("id,name\na,A\n"u8.ToArray()), "files", "organisations.csv" },
            { new StringContent(mapping), "mapping" },
        };
        var response = await client.PostAsync("/api/datasets/seed/import/mapped?dryRun=true", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The mapping is not a mapping", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AProposedMappingWithUntranslatedKindsPreviewsEveryProblemAndWritesNothing()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var proposal = await (await client.PostAsync("/api/mappings/propose", CordisFiles())).Content.ReadAsStringAsync();
        var form = CordisFiles();
        form.Add(new StringContent(proposal), "mapping");
        var response = await client.PostAsync("/api/datasets/seed/import/mapped?dryRun=true", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        // CORDIS codes (HES, PRC, …) are not kinds until translated: each such row is named.
        Assert.Contains(preview.GetProperty("errors").EnumerateArray(), e => e.GetProperty("where").GetString()!.StartsWith("organisations.csv row ") && e.GetProperty("field").GetString() == "type");
        Assert.Equal(5271, preview.GetProperty("rowsRead").GetProperty("organisations.csv").GetInt32());
    }

    [Fact]
    public async Task ASavedMappingImportsTheFilesAllOrNothing()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var mapping = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cordis, "mapping.json"))).RootElement;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/mappings/cordis", mapping)).StatusCode);
        Assert.Contains("cordis", (await client.GetFromJsonAsync<JsonElement>("/api/mappings")).EnumerateArray().Select(e => e.GetString()));

        var dry = await (await client.PostAsync("/api/datasets/seed/import/mapped?dryRun=true&mappingName=cordis", CordisFiles())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(dry.GetProperty("valid").GetBoolean(), dry.GetRawText()[..Math.Min(500, dry.GetRawText().Length)]);
        Assert.Equal(10, dry.GetProperty("sampleNodes").GetArrayLength());
        var real = await client.PostAsync("/api/datasets/seed/import/mapped?mappingName=cordis", CordisFiles());
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/organisations/pic-999991334")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/mappings/..%2Fevil", mapping)).StatusCode);
    }

    [Fact]
    public async Task ShippedDataBecomesANewDatasetOrJoinsAnExistingOne()
    {
        var client = _app.ClientWithRole(Roles.Admin);
        Assert.Contains("cordis-h2020-leuven", (await client.GetFromJsonAsync<JsonElement>("/api/datasets/shipped")).EnumerateArray().Select(e => e.GetString()));
        var created = await client.PostAsJsonAsync("/api/datasets", new { name = "cordis", title = "CORDIS H2020", from = "cordis-h2020-leuven" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisations = await client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis/organisations?pageSize=1");
        Assert.Equal(5271, organisations.GetProperty("total").GetInt32());

        var twins = await client.PostAsync("/api/datasets/seed/load/sister-cities", null);
        Assert.Equal(HttpStatusCode.OK, twins.StatusCode);
        var leuven = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships?type=TWINNED_WITH&node=city-leuven");
        Assert.Equal(6, leuven.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/datasets", new { name = "x", from = "etc" })).StatusCode);
    }

    [Fact]
    public async Task TheImportPageProposesAMappingForUploadedFiles()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var anonymous = await _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/import");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        var page = await Html.ParseAsync(await client.GetAsync("/import"));
        Assert.Contains("data/cordis-h2020-leuven", page.Body!.TextContent);
        var token = ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        form.Add(new StringContent("id,name,type,city,country\n1,Alpha <b>Labs</b>,company,Gent,BE\n"), "files", "organisations.csv");
        var response = await client.PostAsync("/import?handler=Upload", form);
        var result = await Html.ParseAsync(response);
        Assert.Contains("\"label\": \"Organisation\"", result.QuerySelector("textarea[name=MappingJson]")!.TextContent);
        Assert.DoesNotContain("<b>Labs</b>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheMappingIsAFormWithEachColumnsValuesAndAChangedChoiceIsWhatImports()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var page = await Html.ParseAsync(await client.GetAsync("/import"));
        var token = ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        upload.Add(new StringContent("id,name,type,city,country,sectors,remark\n1,Acme Robotics,company,Leuven,BE,sector-ict-software;sector-life-health,\"first, member\"\n2,Beta Care,other,Genk,BE,sector-life-health,\n"), "files", "organisations.csv");
        var proposed = await Html.ParseAsync(await client.PostAsync("/import?handler=Upload", upload));

        // Every file is a fieldset: what it holds, each field's column with the values found, the first rows.
        var file = proposed.QuerySelector("fieldset.mapping-file")!;
        Assert.Contains("organisations.csv", file.QuerySelector("legend")!.TextContent);
        Assert.Equal("node:Organisation", ((IHtmlSelectElement)file.QuerySelector("select[name='Files[0].Target']")!).Value);
        Assert.Equal("city", ((IHtmlSelectElement)file.QuerySelector("select[name='Files[0].City']")!).Value);
        var sectors = (IHtmlSelectElement)file.QuerySelector("select[name='Files[0].Fields[sectors]']")!;
        Assert.Equal("sectors", sectors.Value);
        Assert.StartsWith("sectors — e.g. sector-ict-software;sec", sectors.SelectedOptions[0].TextContent);
        Assert.Equal(["1", "2"], file.QuerySelectorAll("table.sample tbody tr td:first-child").Select(td => td.TextContent));

        // The person changes the kind column to none: every organisation then imports as "other".
        var mappingForm = proposed.QuerySelector("textarea[name=MappingJson]")!.Closest("form")!;
        var fields = mappingForm.QuerySelectorAll("input[type=hidden], select, textarea")
            .Select(e => e switch
            {
                IHtmlSelectElement select => new KeyValuePair<string, string>(select.Name!, select.Name == "Files[0].Fields[kind]" ? "" : select.Value ?? ""),
                IHtmlTextAreaElement area => new KeyValuePair<string, string>(area.Name!, area.Value),
                IHtmlInputElement input => new KeyValuePair<string, string>(input.Name!, input.Value ?? ""),
                _ => throw new InvalidOperationException(),
            }).ToList();
        var imported = await Html.ParseAsync(await client.PostAsync("/import?handler=Import", new FormUrlEncodedContent(fields)));
        Assert.True(imported.QuerySelector("[role=status]") is not null, imported.QuerySelector("[role=alert]")?.TextContent ?? imported.Body!.TextContent[..Math.Min(600, imported.Body!.TextContent.Length)]);
        Assert.Contains("Imported 2 nodes", imported.QuerySelector("[role=status]")!.TextContent);
        var acme = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-1");
        Assert.Equal("other", acme.GetProperty("kind").GetString());
        Assert.Equal(["sector-ict-software", "sector-life-health"], acme.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/relationships/LOCATED_IN/org-1/city-leuven")).StatusCode);
    }
}
