using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Network.Analysis.Domain;
using Network.Api.Datasets;

namespace Network.Web.Tests;

public sealed class OverviewPageTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheFirstPageListsTheSeedOrganisationsWithCountsPerKind()
    {
        var response = await _app.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);

        Assert.Contains("Seed ecosystem", page.QuerySelector("h1")!.TextContent);
        var names = page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Capricorn Venture Partners", names);
        Assert.Contains("KU Leuven", names);
        Assert.Equal(50, names.Count);

        var counts = page.QuerySelectorAll("table.kind-counts tr")
            .ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => int.Parse(tr.QuerySelector("td.number")!.TextContent));
        // Capricorn, Wuxi Capital, Scorpio; KU Leuven, KU Leuven Associatie, UHasselt, GDUT.
        Assert.Equal(3, counts["investor"]);
        Assert.Equal(4, counts["university"]);
        Assert.Equal(50, counts.Values.Sum());
    }

    [Fact]
    public async Task FilteringByKindShowsOnlyThatKind()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/?dataset=seed&kind=investor"));
        var kinds = page.QuerySelectorAll("table.list tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.Equal(3, kinds.Count);
        Assert.All(kinds, k => Assert.Equal("investor", k));
    }

    [Fact]
    public async Task SearchFindsByCity()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/?dataset=seed&q=wuxi"));
        var names = page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Wuxi Guolian Environment & Energy Group", names);
        Assert.Contains("Wuxi Capital", names);
        Assert.DoesNotContain("KU Leuven", names);
    }

    [Fact]
    public async Task TheSyntheticDatasetIsMarkedSynthetic()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/?dataset=synthetic"));
        Assert.Contains("synthetic", page.QuerySelector("h1 .badge.synthetic")!.TextContent);
        Assert.Contains("network generate --members 60", page.QuerySelector(".origin")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("nav.pages a"));
    }

    [Fact]
    public async Task AnUnknownDatasetIsNotFound()
    {
        var response = await _app.CreateClient().GetAsync("/?dataset=nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NamesFromTheDataAreEncodedNotExecuted()
    {
        var client = _app.CreateClient();
        var catalog = _app.Services.GetRequiredService<DatasetCatalog>();
        var hostile = new Organisation("org-x", "<script>alert('x')</script>", "company", "<img src=x onerror=alert(1)>");
        await catalog.CreateAsync(new DatasetInfo("hostile", "Hostile <b>title</b>", false, "test"), new NetworkGraph([hostile], [], 0));

        var html = await (await client.GetAsync("/?dataset=hostile")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>title</b>", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}

public sealed class LargeDatasetOverviewTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CordisIsBrowsableByCountryAndPagedWithUnnamedOrganisationsShownHonestly()
    {
        var client = _app.ClientWithRole(Network.Api.Auth.Roles.Editor);
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/datasets", new { name = "cordis", from = "cordis-h2020-leuven" });
        var page = await Html.ParseAsync(await client.GetAsync("/?dataset=cordis&country=BE"));
        Assert.Contains("(431 of 5271)", page.QuerySelector("section.organisations h2")!.TextContent);
        Assert.Equal(50, page.QuerySelectorAll("table.list tbody tr").Length);
        var unnamed = await Html.ParseAsync(await client.GetAsync("/?dataset=cordis&q=unnamed"));
        Assert.Contains("unnamed organisation (PIC", unnamed.QuerySelector("table.list tbody tr td")!.TextContent);
    }
}
