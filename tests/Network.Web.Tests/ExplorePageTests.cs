using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Network.Analysis.Domain;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class ExplorePageTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void TheSizeMenuOffersOnlyMeasuresTheAnalysisComputed()
    {
        // Above 20,000 organisations harmonic centrality is not computed: sizing by it would draw everyone alike.
        var graph = Network.Analysis.Synthetic.RandomGraphs.BarabasiAlbert(200, 2, 3);
        var all = Network.Analysis.NetworkAnalysis.Run(graph, new Network.Analysis.AnalysisOptions());
        Assert.Equal(Network.Web.Pages.Explore.ExploreView.SizeMeasures.Select(m => m.Key), Network.Web.Pages.Explore.ExploreView.SizeMeasuresOf(all).Select(m => m.Key));
        var some = Network.Analysis.NetworkAnalysis.Run(graph, new Network.Analysis.AnalysisOptions
        {
            Metrics = new HashSet<string> { "betweenness", "degree", "pagerank" },
        });
        Assert.Equal(["betweenness", "degree", "strength", "pagerank"], Network.Web.Pages.Explore.ExploreView.SizeMeasuresOf(some).Select(m => m.Key));
    }

    [Fact]
    public async Task TheSeedIsDrawnWholeWithOneCirclePerOrganisationAndItsTies()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/explore"));
        var circles = page.QuerySelectorAll("svg#graph circle");
        Assert.Equal(50, circles.Length);
        Assert.Contains(circles, c => c.GetAttribute("data-id") == "org-capricorn" && c.GetAttribute("data-city") == "Leuven");
        Assert.Equal(123, page.QuerySelectorAll("svg#graph line").Length);
        Assert.Contains(page.QuerySelectorAll("svg#graph text"), t => t.TextContent == "Stad Leuven");
        Assert.Equal("1", page.QuerySelector("#live")!.GetAttribute("data-version"));
    }

    [Fact]
    public async Task ALargeDatasetOpensOnItsMainCountryWithTheRestReachable()
    {
        var client = _app.ClientWithRole(Roles.Admin);
        await client.PostAsJsonAsync("/api/datasets", new { name = "cordis", from = "cordis-h2020-leuven" });
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/cordis/explore"));
        Assert.Equal(431, page.QuerySelectorAll("svg#graph circle").Length);
        // The country is a type-ahead (CORDIS has more countries than a menu should hold), filled with the one shown.
        Assert.Equal("BE", page.QuerySelector("input[name=country][list=countries]")!.GetAttribute("value"));
        // Every country: all 5,271 organisations, drawn on a canvas from the same view as JSON, every tie included.
        var all = await Html.ParseAsync(await client.GetAsync("/datasets/cordis/explore?country=all"));
        Assert.Empty(all.QuerySelectorAll("svg#graph"));
        var canvas = all.QuerySelector("canvas#graph-canvas")!;
        Assert.Contains("All 5271 organisations drawn", all.Body!.TextContent);
        using var graph = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(canvas.GetAttribute("data-source")));
        Assert.Equal(5271, graph.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Equal(2 * 146_781, graph.RootElement.GetProperty("edges").GetArrayLength());
        Assert.All(graph.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.InRange(n.GetProperty("x").GetDouble(), 0, 1000));
    }

    [Fact]
    public async Task AHubsRecordPageDrawsItsBestConnectedPartnersNotAllThreeThousand()
    {
        var client = _app.ClientWithRole(Roles.Admin);
        await client.PostAsJsonAsync("/api/datasets", new { name = "cordis", from = "cordis-h2020-leuven" });
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/cordis/organisations/pic-999991334"));
        var drawing = page.QuerySelector("svg.mini-graph")!;
        Assert.Equal(Network.Web.Pages.Records.RecordModel.NeighbourhoodLimit, drawing.QuerySelectorAll("circle").Length);
        Assert.Single(drawing.QuerySelectorAll("circle.centre"));
        Assert.Contains("best-connected of its 3,083 partners", drawing.ParentElement!.TextContent);
    }

    [Fact]
    public async Task AFocusShowsOneOrganisationsNeighbourhood()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/explore?focus=org-capricorn&depth=1"));
        var ids = page.QuerySelectorAll("svg#graph circle").Select(c => c.GetAttribute("data-id")).ToHashSet();
        Assert.Contains("org-capricorn", ids);
        Assert.Contains("org-wuxi-capital", ids);
        Assert.DoesNotContain("org-skolkovo", ids);
    }

    [Fact]
    public async Task NamesAreEncodedInTheDrawing()
    {
        var catalog = _app.Services.GetRequiredService<DatasetCatalog>();
        var graph = new NetworkGraph(
            [new Organisation("a", "<script>alert(1)</script>", "company", "t"), new Organisation("b", "B \" onmouseover=\"x", "company", "t"), new Agreement("x", "Deal", "mou", "t")],
            [new Relationship(RelationshipType.PartyTo, "a", "x", "t"), new Relationship(RelationshipType.PartyTo, "b", "x", "t")], 0);
        await catalog.CreateAsync(new DatasetInfo("hostile", "Hostile", false, "test"), graph);
        var html = await (await _app.CreateClient().GetAsync("/datasets/hostile/explore")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("\" onmouseover=\"x", html);
    }

    [Fact]
    public async Task AnUnknownDatasetIsNotFound() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync("/explore?dataset=nope")).StatusCode);
}
