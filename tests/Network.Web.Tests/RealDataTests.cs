using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The shipped CORDIS data, created once, answers the three jobs: value chains, search, home region, readiness.</summary>
public sealed class CordisFixture : IAsyncLifetime
{
    public NetworkApplication App { get; } = new();
    public HttpClient Editor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Editor = App.ClientWithRole(Roles.Editor);
        Editor.Timeout = TimeSpan.FromMinutes(10);
        // Datasets are created by admins; the tests then work as an editor.
        var admin = App.ClientWithRole(Roles.Admin);
        admin.Timeout = TimeSpan.FromMinutes(10);
        var created = await admin.PostAsJsonAsync("/api/datasets", new { name = "cordis", from = "cordis-h2020-leuven" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class RealDataTests(CordisFixture cordis) : IClassFixture<CordisFixture>
{
    private HttpClient Client => cordis.Editor;

    [Theory]
    [InlineData("KU Leuven", "pic-999991334")]
    [InlineData("ku leuven", "pic-999991334")]
    [InlineData("imec", "pic-999981149")]
    public async Task SearchFindsTheBestKnownNamesFirst(string query, string id)
    {
        var page = await Client.GetFromJsonAsync<JsonElement>($"/api/datasets/cordis/organisations?search={Uri.EscapeDataString(query)}");
        Assert.Equal(id, page.GetProperty("items")[0].GetProperty("id").GetString());
        var found = await Client.GetFromJsonAsync<JsonElement>($"/api/datasets/cordis/search?q={Uri.EscapeDataString(query)}&labels=Organisation");
        Assert.Equal(id, found[0].GetProperty("id").GetString());
        // The header's search lands on the organisations list, best match first.
        var list = await Html.ParseAsync(await Client.GetAsync($"/datasets/cordis/organisations?q={Uri.EscapeDataString(query)}"));
        Assert.EndsWith("/" + id, list.QuerySelector("table.list tbody tr a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SearchRefusesAnUnknownKindOfRecord()
    {
        var response = await Client.GetAsync("/api/datasets/cordis/search?q=leuven&labels=Planet");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheHomeRegionIsLeuvensAndAnEditorCanChangeIt()
    {
        var dataset = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis");
        Assert.Equal("Leuven", dataset.GetProperty("homeRegion")[0].GetString());
        Assert.False(dataset.GetProperty("homeRegionSet").GetBoolean());

        var changed = await Client.PatchAsJsonAsync("/api/datasets/cordis", new { homeRegion = new[] { "BE" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["BE"], (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("homeRegion").EnumerateArray().Select(e => e.GetString()));
        var page = await Html.ParseAsync(await Client.GetAsync("/datasets/cordis/value-chains"));
        Assert.Contains("Value chains in BE", page.QuerySelector("h1")!.TextContent);

        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PatchAsJsonAsync("/api/datasets/cordis", new { homeRegion = new[] { "bad\u0001name" } })).StatusCode);
        var back = await Client.PatchAsJsonAsync("/api/datasets/cordis", new { homeRegion = Array.Empty<string>() });
        Assert.Equal("Leuven", (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("homeRegion")[0].GetString());
        var viewer = cordis.App.ClientWithRole(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PatchAsJsonAsync("/api/datasets/cordis", new { homeRegion = new[] { "BE" } })).StatusCode);
    }

    [Fact]
    public async Task ValueChainsWorkOnCordisAndSayWhatIsDerived()
    {
        var chains = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis/analysis/value-chains");
        Assert.True(chains.EnumerateArray().Count(c => c.GetProperty("stages").EnumerateArray().Any(s => s.GetProperty("inRegion").GetArrayLength() > 0)) >= 3);
        Assert.NotEmpty((await Client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis/analysis/introductions")).EnumerateArray());

        var page = await Html.ParseAsync(await Client.GetAsync("/datasets/cordis/value-chains"));
        Assert.Contains("Value chains in Leuven", page.QuerySelector("h1")!.TextContent);
        var coverage = page.QuerySelector("p.coverage")!.TextContent;
        Assert.Contains("of 5,271 organisations, all by derivation", coverage);
        Assert.Contains("lack a known sector or stage", coverage);
        Assert.NotNull(page.QuerySelector("p.coverage a[href*='placed=none']"));

        var cell = await Html.ParseAsync(await Client.GetAsync("/datasets/cordis/value-chains?sector=sector-life-health&stage=research"));
        // Every organisation of the cell is placed by derivation: said once, with the rules.
        var note = cell.QuerySelector("#cell p:has(.derived-mark)")!.TextContent;
        Assert.Contains("Every organisation here is placed by derivation", note);
        Assert.Contains("universities → research", note);
        // KU Leuven's record names its derived positions and their rule.
        var ku = await Html.ParseAsync(await Client.GetAsync("/datasets/cordis/organisations/pic-999991334"));
        Assert.Contains("Life & health sciences: research", ku.QuerySelector("dl.fields")!.TextContent);
    }

    [Fact]
    public async Task TheDatasetSaysWhenItsAnalysisIsReadyAndThePagesAnswerThen()
    {
        // Listen first, then ask: the analysis is announced on the hub when it is done, so no event can be missed.
        var analysed = new SemaphoreSlim(0);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(cordis.App.Server.BaseAddress, "/hubs/network"), o => o.HttpMessageHandlerFactory = _ => cordis.App.Server.CreateHandler())
            .Build();
        connection.On<JsonElement>("AnalysisUpdated", _ => analysed.Release());
        await connection.StartAsync();
        await connection.InvokeAsync("Watch", "cordis");
        // Each announcement may be of a run another test's change has already made stale: ask again after each.
        var deadline = DateTime.UtcNow.AddMinutes(8);
        JsonElement dataset;
        while (!(dataset = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis")).GetProperty("ready").GetBoolean())
        {
            Assert.InRange(dataset.GetProperty("progress").GetInt32(), 0, 99);
            Assert.True(await analysed.WaitAsync(deadline - DateTime.UtcNow), $"not ready by the deadline: {dataset}");
        }
        Assert.True(dataset.GetProperty("ready").GetBoolean(), dataset.ToString());
        Assert.Equal(100, dataset.GetProperty("progress").GetInt32());
        foreach (var path in new[] { "brokers", "value-chains", "organisations/pic-999991334", "what-if?remove=pic-999991334", "communities" })
        {
            var response = await Client.GetAsync("/datasets/cordis/" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 1_000_000, $"{path} weighs a megabyte or more");
        }
    }

    [Fact]
    public async Task ThePickersAreTypeAheadsAndATypedNameIsResolved()
    {
        var page = await Html.ParseAsync(await Client.GetAsync("/datasets/cordis/what-if?removeName=imec"));
        Assert.Empty(page.QuerySelectorAll("select option"));
        Assert.Equal("pic-999981149", page.QuerySelector("input[name=remove]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=removeName][data-search]"));
        var projects = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis/agreements?search=216635");
        Assert.Equal("EU project 216635 (H2020 SC4, 2014–2019)", projects.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task HealthAnswersWhileWhatIfsQueue()
    {
        // 32 what-ifs at once: they wait for the analysis gate without holding request threads, so /health is not
        // queued behind them — it returns while most of them are still waiting.
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/cordis/organisations?pageSize=32&page=3");
        var ids = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
        var whatIfs = ids.Select(id => Client.GetAsync($"/api/datasets/cordis/analysis/whatif/{id}")).ToList();
        var health = await cordis.App.CreateClient().GetAsync("/health");
        var doneWhenHealthy = whatIfs.Count(w => w.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(doneWhenHealthy < ids.Count, $"/health returned only after all {ids.Count} what-ifs");
        Assert.All(await Task.WhenAll(whatIfs), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }
}
