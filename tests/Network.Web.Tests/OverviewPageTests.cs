using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Network.Analysis.Domain;
using Network.Api.Datasets;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class OverviewPageTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheFirstPageOpensTheFirstDatasetAndThenTheLastOneUsed()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var first = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/datasets/seed", first.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/datasets/synthetic/brokers")).StatusCode);
        Assert.Equal("/datasets/synthetic", (await client.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheOverviewShowsTheHeatMapWithItsLegendAndTheInternationalReachWithoutStrayCode()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed"));
        var chains = page.QuerySelectorAll("section.card").Single(s => s.QuerySelector("h2")!.TextContent.StartsWith("Value chains", StringComparison.Ordinal));
        Assert.NotNull(chains.QuerySelector("p.meaning .legend-gap"));
        Assert.NotNull(chains.QuerySelector("table.heat"));
        Assert.DoesNotContain("else {", page.Body!.TextContent);
        var reach = page.QuerySelectorAll("section.card").Single(s => s.QuerySelector("h2")!.TextContent == "International reach");
        Assert.Contains("BE ↔ CN", reach.TextContent);
        Assert.Equal("/datasets/seed/explore/map", reach.QuerySelector("h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task OldAddressesRedirectToTheDatasetsPages()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var overview = await client.GetAsync("/?dataset=synthetic");
        Assert.Equal(HttpStatusCode.MovedPermanently, overview.StatusCode);
        Assert.Equal("/datasets/synthetic", overview.Headers.Location!.OriginalString);
        Assert.Equal("/datasets/seed/organisations?kind=investor", (await client.GetAsync("/?dataset=seed&kind=investor")).Headers.Location!.OriginalString);
        Assert.Equal("/datasets/seed/explore?focus=org-capricorn", (await client.GetAsync("/explore?dataset=seed&focus=org-capricorn")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheOrganisationsPageListsTheSeedOrganisationsAndTheOverviewCountsThemPerKind()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/organisations"));
        Assert.Contains("Organisations", page.QuerySelector("h1")!.TextContent);
        var names = page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Capricorn Venture Partners", names);
        Assert.Contains("KU Leuven", names);
        Assert.Equal(50, names.Count);
        Assert.Equal("/datasets/seed/organisations/org-capricorn", page.QuerySelectorAll("table.list tbody a").First(a => a.TextContent == "Capricorn Venture Partners").GetAttribute("href"));

        var overview = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed"));
        Assert.Contains("Seed ecosystem", overview.QuerySelector("h1")!.TextContent);
        var counts = overview.QuerySelectorAll("table.kind-counts tr")
            .ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => int.Parse(tr.QuerySelector("td.number")!.TextContent));
        // Capricorn, Wuxi Capital, Scorpio; KU Leuven, KU Leuven Associatie, UHasselt, GDUT.
        Assert.Equal(3, counts["investor"]);
        Assert.Equal(4, counts["university"]);
        Assert.Equal(50, counts.Values.Sum());
    }

    [Fact]
    public async Task FilteringByKindShowsOnlyThatKind()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/organisations?kind=investor"));
        var kinds = page.QuerySelectorAll("table.list tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.Equal(3, kinds.Count);
        Assert.All(kinds, k => Assert.Equal("investor", k));
    }

    [Fact]
    public async Task SearchFindsByCity()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/organisations?q=wuxi"));
        var names = page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Wuxi Guolian Environment & Energy Group", names);
        Assert.Contains("Wuxi Capital", names);
        Assert.DoesNotContain("KU Leuven", names);
    }

    [Fact]
    public async Task TheSyntheticDatasetIsMarkedSynthetic()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/synthetic"));
        Assert.Contains("synthetic", page.QuerySelector("h1 .badge.synthetic")!.TextContent);
        Assert.Contains("synthetic", page.QuerySelector("header details.switcher summary .badge.synthetic")!.TextContent);
        Assert.Contains("network generate --members 60", page.QuerySelector(".origin")!.TextContent);
        var list = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/synthetic/organisations"));
        Assert.NotEmpty(list.QuerySelectorAll("nav.pages a"));
    }

    [Fact]
    public async Task AnUnknownDatasetIsNotFound()
    {
        var response = await _app.CreateClient().GetAsync("/datasets/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync("/?dataset=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync("/datasets/seed/organisations/org-nope")).StatusCode);
    }

    [Fact]
    public async Task NamesFromTheDataAreEncodedNotExecuted()
    {
        var client = _app.CreateClient();
        var catalog = _app.Services.GetRequiredService<DatasetCatalog>();
        var hostile = new Organisation("org-x", "<script>alert('x')</script>", "company", "<img src=x onerror=alert(1)>");
        await catalog.CreateAsync(new DatasetInfo("hostile", "Hostile <b>title</b>", false, "test"), new NetworkGraph([hostile], [], 0));

        var html = await (await client.GetAsync("/datasets/hostile/organisations")).Content.ReadAsStringAsync();

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
        // Datasets are created by admins.
        var client = _app.ClientWithRole(Network.Data.Users.Roles.Admin);
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/datasets", new { name = "cordis", from = "cordis-h2020-leuven" });
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/cordis/organisations?country=BE"));
        Assert.Contains("(431)", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(50, page.QuerySelectorAll("table.list tbody tr").Length);
        var unnamed = await Html.ParseAsync(await client.GetAsync("/datasets/cordis/organisations?q=unnamed"));
        Assert.Contains("unnamed organisation (PIC", unnamed.QuerySelector("table.list tbody tr td")!.TextContent);
    }
}
