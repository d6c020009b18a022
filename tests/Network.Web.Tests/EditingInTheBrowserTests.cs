using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>Forms that write: validation in place, antiforgery, optimistic concurrency, one writer and its history.</summary>
public sealed class EditingInTheBrowserTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient Editor(string role = Roles.Editor)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var key = ((Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<UserStore>(_app.Services))).CreateApiKey($"form-{role}", role);
        client.DefaultRequestHeaders.Add(ApiKeyHandler.Header, key);
        return client;
    }

    /// <summary>The form's fields as the page filled them, for posting back with some changed.</summary>
    private static Dictionary<string, string> Fields(IDocument page, string selector = "form.record-form")
    {
        var form = (IHtmlFormElement)page.QuerySelector(selector)!;
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box when box.IsChecked:
                    fields[box.Name!] = fields.TryGetValue(box.Name!, out var v) && v != "false" ? v + "," + box.Value : box.Value;
                    break;
                case IHtmlInputElement { Type: "checkbox" }:
                    break;
                case IHtmlInputElement input when input.Name is { } name && !fields.ContainsKey(name):
                    fields[name] = input.Value;
                    break;
                case IHtmlSelectElement select when select.Name is { } name:
                    fields[name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement area when area.Name is { } name:
                    fields[name] = area.Value;
                    break;
            }
        }
        return fields;
    }

    private static FormUrlEncodedContent Encode(Dictionary<string, string> fields) =>
        new(fields.SelectMany(kv => kv.Key is "Form.Sectors" or "Form.Stages" ? kv.Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => new KeyValuePair<string, string>(kv.Key, v)) : [kv]));

    [Fact]
    public async Task AnInvalidFormChangesNothingAndNamesTheFieldInPlace()
    {
        var client = Editor();
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-capricorn/edit"));
        var fields = Fields(page);
        fields["Form.Name"] = "";
        fields["Form.MemberSince"] = "next spring";
        var response = await client.PostAsync("/datasets/seed/organisations/org-capricorn/edit", Encode(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await Html.ParseAsync(response);
        Assert.Contains("is required", refused.GetElementById("error-Name")!.TextContent);
        Assert.Contains("'next spring' is not a date", refused.GetElementById("error-MemberSince")!.TextContent);
        Assert.Equal("true", refused.QuerySelector("input[name='Form.Name']")!.GetAttribute("aria-invalid"));
        Assert.Equal("next spring", ((IHtmlInputElement)refused.QuerySelector("input[name='Form.MemberSince']")!).Value);
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-capricorn");
        Assert.Equal("Capricorn Venture Partners", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AFormWithoutTheAntiforgeryTokenIsRefused()
    {
        var client = Editor();
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-capricorn/edit"));
        var fields = Fields(page);
        fields.Remove("__RequestVerificationToken");
        fields["Form.Website"] = "https://example.org";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/datasets/seed/organisations/org-capricorn/edit", Encode(fields))).StatusCode);
    }

    [Fact]
    public async Task ASavedFormIsOneWriteWithItsHistoryAndTheRecordPageShowsIt()
    {
        var client = Editor();
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-capricorn/edit"));
        var fields = Fields(page);
        fields["Form.Website"] = "https://capricorn.example";
        fields["Form.City"] = "city-genk";
        var response = await client.PostAsync("/datasets/seed/organisations/org-capricorn/edit", Encode(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/datasets/seed/organisations/org-capricorn?saved=1", response.Headers.Location!.OriginalString);

        var changes = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/changes?node=org-capricorn");
        var change = changes[0];
        Assert.Equal("form", change.GetProperty("via").GetString());
        Assert.Equal("key:form-editor", change.GetProperty("by").GetString());
        var items = change.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "node" && !i.GetProperty("before").GetString()!.Contains("website", StringComparison.Ordinal) && i.GetProperty("after").GetString()!.Contains("capricorn.example", StringComparison.Ordinal));
        Assert.Contains(items, i => i.GetProperty("id").GetString() == "(org-capricorn)-[:LOCATED_IN]->(city-genk)" && i.GetProperty("action").GetString() == "added");
        Assert.Contains(items, i => i.GetProperty("id").GetString() == "(org-capricorn)-[:LOCATED_IN]->(city-leuven)" && i.GetProperty("action").GetString() == "deleted");

        var record = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-capricorn?saved=1"));
        Assert.Contains("Saved", record.QuerySelector("p.notice")!.TextContent);
        Assert.Contains("Genk", record.QuerySelector("h1 + p")!.TextContent);
        Assert.Contains("capricorn.example", record.QuerySelector("#history table.diff")!.TextContent);
    }

    [Fact]
    public async Task AStaleFormIsRefusedAndShowsTheColleaguesVersion()
    {
        var client = Editor();
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-capricorn/edit"));
        var fields = Fields(page);

        // A colleague saves first, over the API.
        var colleague = _app.ClientWithRole(Roles.Editor);
        var current = await colleague.GetAsync("/api/datasets/seed/organisations/org-capricorn");
        var body = await current.Content.ReadFromJsonAsync<JsonElement>();
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body.GetRawText())!;
        changed["name"] = JsonSerializer.SerializeToElement("Capricorn Partners (renamed by a colleague)");
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/datasets/seed/organisations/org-capricorn") { Content = JsonContent.Create(changed) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await colleague.SendAsync(put)).StatusCode);

        fields["Form.Website"] = "https://mine.example";
        var response = await client.PostAsync("/datasets/seed/organisations/org-capricorn/edit", Encode(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await Html.ParseAsync(response);
        Assert.Contains("A colleague saved this record", refused.QuerySelector("p.error")!.TextContent);
        Assert.Contains("renamed by a colleague", refused.QuerySelector("section.theirs")!.TextContent);
        Assert.Equal("https://mine.example", ((IHtmlInputElement)refused.QuerySelector("input[name='Form.Website']")!).Value);
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-capricorn");
        Assert.Equal("Capricorn Partners (renamed by a colleague)", stored.GetProperty("name").GetString());
        Assert.NotEqual("https://mine.example", stored.TryGetProperty("website", out var w) ? w.GetString() : null);
    }

    [Fact]
    public async Task ANewOrganisationAsksForWhatTheAnalysisNeedsAndARelationshipCanBeAddedAndRemoved()
    {
        var client = Editor();
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/new"));
        Assert.NotNull(page.QuerySelector("select[name='Form.Kind']"));
        // The city is a type-ahead (a dataset can hold thousands of cities) that fills the hidden Form.City.
        Assert.NotNull(page.QuerySelector("input[name='Form.CityName'][data-search]"));
        Assert.NotNull(page.QuerySelector("input[type=hidden][name='Form.City']"));
        Assert.NotEmpty(page.QuerySelectorAll("input[name='Form.Sectors']"));
        Assert.NotEmpty(page.QuerySelectorAll("input[name='Form.Stages']"));
        var fields = Fields(page);
        fields["Form.Id"] = "org-new-lab";
        fields["Form.Name"] = "New Lab";
        fields["Form.Kind"] = "research-institute";
        fields["Form.City"] = "city-leuven";
        fields["Form.Stages"] = "research";
        var created = await client.PostAsync("/datasets/seed/organisations/new", Encode(fields));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/datasets/seed/organisations/org-new-lab")).StatusCode);

        var edit = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-new-lab/edit"));
        var add = Fields(edit, "form[action*='AddRelationship']");
        add["type"] = "PARTNERS_WITH";
        add["other"] = "KU Leuven";
        add["kind"] = "research";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/datasets/seed/organisations/org-new-lab/edit?handler=AddRelationship", Encode(add))).StatusCode);
        var tie = await client.GetAsync("/api/datasets/seed/relationships/PARTNERS_WITH/org-new-lab/org-ku-leuven");
        Assert.Equal(HttpStatusCode.OK, tie.StatusCode);

        var wrong = Fields(edit, "form[action*='AddRelationship']");
        wrong["type"] = "WORKS_FOR";
        wrong["other"] = "KU Leuven";
        var refused = await Html.ParseAsync(await client.PostAsync("/datasets/seed/organisations/org-new-lab/edit?handler=AddRelationship", Encode(wrong)));
        Assert.Contains("WORKS_FOR starts at Person", refused.QuerySelector("#relationships div.error")!.TextContent);

        var withTie = await Html.ParseAsync(await client.GetAsync("/datasets/seed/organisations/org-new-lab/edit"));
        var remove = Fields(withTie, "form[action*='RemoveRelationship']");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/datasets/seed/organisations/org-new-lab/edit?handler=RemoveRelationship", Encode(remove))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/datasets/seed/relationships/PARTNERS_WITH/org-new-lab/org-ku-leuven")).StatusCode);
    }

    [Fact]
    public async Task AViewerGetsNoEditControlsAndCannotOpenTheForm()
    {
        var viewer = Editor(Roles.Viewer);
        var record = await Html.ParseAsync(await viewer.GetAsync("/datasets/seed/organisations/org-capricorn"));
        Assert.DoesNotContain(record.QuerySelectorAll(".actions a"), a => a.TextContent == "Edit");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/datasets/seed/organisations/org-capricorn/edit")).StatusCode);
        var editor = await Html.ParseAsync(await Editor().GetAsync("/datasets/seed/organisations/org-capricorn"));
        Assert.Contains(editor.QuerySelectorAll(".actions a"), a => a.TextContent == "Edit");
    }

    [Fact]
    public async Task AChangeIsRevertedAsANewChangeAndAStaleRevertIsRefused()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var current = await client.GetAsync("/api/datasets/seed/sectors/sector-ict-software");
        var sector = await current.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        sector!["name"] = JsonSerializer.SerializeToElement("ICT (renamed)");
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/datasets/seed/sectors/sector-ict-software") { Content = JsonContent.Create(sector) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        var renamed = await client.SendAsync(put);
        var version = long.Parse(renamed.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        var revert = await client.PostAsync($"/api/datasets/seed/changes/{version}/revert", null);
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        var back = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/sectors/sector-ict-software");
        Assert.NotEqual("ICT (renamed)", back.GetProperty("name").GetString());
        var history = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/changes?node=sector-ict-software");
        Assert.Equal("revert", history[0].GetProperty("via").GetString());
        Assert.Contains($"reverted change {version}", history[0].GetProperty("summary").GetString());

        // The same change again: the record has moved on since, so nothing is written.
        var stale = await client.PostAsync($"/api/datasets/seed/changes/{version}/revert", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        // Its title says what happened: not "it exists already", but a later change to the same record.
        Assert.StartsWith("Someone else changed it first", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientWithRole(Roles.Viewer).PostAsync($"/api/datasets/seed/changes/{version}/revert", null)).StatusCode);
    }
}
