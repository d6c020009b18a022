using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class ResolutionApiTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> WithCordisRecordOfKuLeuven()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var form = new MultipartFormDataContent
        {
            { new StringContent("id,name,kind,source\npic-999991334,KATHOLIEKE UNIVERSITEIT LEUVEN,university,CORDIS\n", Encoding.UTF8), "files", "organisations.csv" },
            { new StringContent("id,title,kind,source\nh2020-1,H2020 project 1,project,CORDIS\n", Encoding.UTF8), "files", "agreements.csv" },
            { new StringContent("type,from,to,role,source\nPARTY_TO,pic-999991334,h2020-1,coordinator,CORDIS\nLOCATED_IN,pic-999991334,city-leuven,,CORDIS\n", Encoding.UTF8), "files", "relationships.csv" },
        };
        var imported = await client.PostAsync("/api/datasets/seed/import", form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        return client;
    }

    [Fact]
    public async Task ASuggestionCanBeMergedAndTheMergeUndone()
    {
        var client = await WithCordisRecordOfKuLeuven();
        var suggestions = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/resolution/suggestions?search=leuven");
        var ku = suggestions.EnumerateArray().Single(s => s.GetProperty("drop").GetString() == "pic-999991334" && s.GetProperty("keep").GetString() == "org-ku-leuven");
        Assert.NotEmpty(ku.GetProperty("evidence").EnumerateArray());

        var before = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-ku-leuven");
        var merged = await client.PostAsJsonAsync("/api/datasets/seed/resolution/merges", new { keep = "org-ku-leuven", drop = "pic-999991334" });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var mergeId = (await merged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mergeId").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/datasets/seed/organisations/pic-999991334")).StatusCode);
        var moved = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships/PARTY_TO/org-ku-leuven/h2020-1");
        Assert.Equal("coordinator", moved.GetProperty("role").GetString());
        Assert.Contains("merged with pic-999991334", (await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-ku-leuven")).GetProperty("source").GetString());

        var undone = await client.PostAsync($"/api/datasets/seed/resolution/merges/{mergeId}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/organisations/pic-999991334")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/relationships/PARTY_TO/pic-999991334/h2020-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/datasets/seed/relationships/PARTY_TO/org-ku-leuven/h2020-1")).StatusCode);
        Assert.Equal(before.GetProperty("source").GetString(), (await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-ku-leuven")).GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/datasets/seed/resolution/merges/{mergeId}/undo", null)).StatusCode);
    }

    [Fact]
    public async Task ARejectedSuggestionIsNotProposedAgain()
    {
        var client = await WithCordisRecordOfKuLeuven();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/datasets/seed/resolution/rejections", new { a = "org-ku-leuven", b = "pic-999991334" })).StatusCode);
        var suggestions = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/resolution/suggestions");
        Assert.DoesNotContain(suggestions.EnumerateArray(), s => s.GetProperty("drop").GetString() == "pic-999991334" && s.GetProperty("keep").GetString() == "org-ku-leuven");
    }

    [Fact]
    public async Task TheDuplicatesPageMergesAndUndoes()
    {
        var client = await WithCordisRecordOfKuLeuven();
        var page = await Html.ParseAsync(await client.GetAsync("/duplicates?dataset=seed&q=leuven"));
        Assert.Contains("KATHOLIEKE UNIVERSITEIT LEUVEN", page.Body!.TextContent);
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        var merge = await client.PostAsync("/duplicates?handler=Merge&dataset=seed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["keep"] = "org-ku-leuven", ["drop"] = "pic-999991334", ["__RequestVerificationToken"] = token,
        }));
        Assert.True(merge.IsSuccessStatusCode, merge.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/datasets/seed/organisations/pic-999991334")).StatusCode);
        var merges = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/resolution/merges");
        var mergeId = merges[0].GetProperty("id").GetString()!;

        var after = await Html.ParseAsync(await client.GetAsync("/duplicates?dataset=seed"));
        Assert.NotNull(after.QuerySelector($"input[name=mergeId][value='{mergeId}']"));
        var undo = await client.PostAsync("/duplicates?handler=Undo&dataset=seed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mergeId"] = mergeId, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(undo.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/organisations/pic-999991334")).StatusCode);
    }

    [Fact]
    public async Task MergingNeedsAnEditor()
    {
        var response = await _app.ClientWithRole(Roles.Viewer).PostAsJsonAsync("/api/datasets/seed/resolution/merges", new { keep = "org-ku-leuven", drop = "org-imec" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheDuplicatesPageGathersOnePlaceWrittenThreeWaysAndMergesThemAllAtOnce()
    {
        var api = _app.ClientWithRole(Roles.Editor);
        foreach (var (id, name) in new[] { ("city-paris", "Paris"), ("city-paris-15", "Paris 15"), ("city-paris-cedex-07", "Paris Cedex 07"), ("city-parisot", "Parisot") })
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/datasets/seed/cities", new { id, name, country = "FR", source = "test" })).StatusCode);
        _app.Services.GetRequiredService<UserStore>().SetUser("eva", "correct horse battery", Roles.Editor);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)login.QuerySelector("form input[name=__RequestVerificationToken]")!).Value;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "eva", ["Password"] = "correct horse battery", ["__RequestVerificationToken"] = token }))).StatusCode);

        var page = await Html.ParseAsync(await client.GetAsync("/duplicates?dataset=seed&q=paris"));
        var group = page.QuerySelectorAll("table.duplicates tbody").Single(b => b.TextContent.Contains("Paris 15", StringComparison.Ordinal));
        // The plainest name is kept; the others are scored against it and say what was set aside.
        Assert.Contains("Paris city-paris and 2 records that may be the same", group.QuerySelector("tr.group th")!.TextContent);
        Assert.Contains("\"Cedex\" (postal word)", group.TextContent);
        Assert.DoesNotContain("Parisot", group.TextContent);
        var form = group.QuerySelector("tr.group form")!;
        var fields = form.QuerySelectorAll("input").Select(i => (IHtmlInputElement)i).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        Assert.Equal(["city-paris-15", "city-paris-cedex-07"], fields.Where(f => f.Key == "drops").Select(f => f.Value).Order());
        var merged = await client.PostAsync(form.GetAttribute("action") ?? form.QuerySelector("button")!.GetAttribute("formaction"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/datasets/seed/cities/city-paris-15")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/datasets/seed/cities/city-paris-cedex-07")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/datasets/seed/cities/city-paris")).StatusCode);
    }
}
