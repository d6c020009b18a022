using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Network.Api.Auth;

namespace Network.Web.Tests;

/// <summary>The three jobs of an ecosystem manager, in the pages: brokers, value-chain gaps and introductions, and what-if.</summary>
public sealed class ManagerJobsTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<IDocument> Page(string path, HttpClient? client = null)
    {
        var response = await (client ?? _app.CreateClient()).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    [Fact]
    public async Task TheOverviewLeadsToTheTopBrokerTheWorstGapsAndTheSinglePointsOfFailure()
    {
        var page = await Page("/datasets/seed");
        var brokers = page.QuerySelectorAll(".card ol.ranked")[0].QuerySelectorAll("li > a").Select(a => a.TextContent).ToList();
        Assert.Equal("Stad Leuven", brokers[0]);
        Assert.Contains("Capricorn Venture Partners", page.QuerySelectorAll(".card")[1].TextContent);
        Assert.Contains("what if it leaves", page.QuerySelectorAll(".card")[1].TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("table.heat.mini td a[href*='/value-chains?sector=']"));
        Assert.NotEmpty(page.QuerySelectorAll("ul.gaps li .gap-tag"));
        Assert.All(page.QuerySelectorAll("nav.tabs a"), a => Assert.StartsWith("/datasets/seed", a.GetAttribute("href")));
    }

    [Fact]
    public async Task TheBrokerRankingSaysWhatEachBridgesWhoIsCutOffAndWhatEachMeasureMeans()
    {
        var page = await Page("/datasets/seed/brokers");
        var rows = page.QuerySelectorAll("table.brokers tbody tr").ToList();
        Assert.Equal(50, rows.Count);
        Assert.Equal("Stad Leuven", rows[0].QuerySelector("td.who strong")!.TextContent);
        var capricorn = rows.Single(r => r.GetAttribute("data-id") == "org-capricorn");
        Assert.Contains("city Leuven ↔ Wuxi (3 pairs)", capricorn.QuerySelector("ul.bridges")!.TextContent);
        Assert.Contains("Wuxi Capital", capricorn.QuerySelector("td.leaves")!.TextContent);
        Assert.Contains("Takes over:", capricorn.QuerySelector("td.leaves")!.TextContent);
        // Each measure's header links to a plain-language explanation on the page.
        foreach (var info in page.QuerySelectorAll("table.brokers thead a.info"))
        {
            var anchor = info.GetAttribute("href")!.TrimStart('#');
            Assert.NotNull(page.GetElementById(anchor));
            Assert.False(string.IsNullOrWhiteSpace(info.GetAttribute("title")));
        }
    }

    [Fact]
    public async Task SortingAndFilteringTheRankingChangesWhatIsShown()
    {
        var byConstraint = await Page("/datasets/seed/brokers?sort=constraint&dir=asc");
        Assert.Equal("ascending", byConstraint.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var values = byConstraint.QuerySelectorAll("table.brokers tbody tr td:nth-child(7)").Select(td => td.TextContent.Trim()).Where(t => t != "–")
            .Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(values.Order().ToList(), values);

        var investors = await Page("/datasets/seed/brokers?kind=investor");
        Assert.Equal(3, investors.QuerySelectorAll("table.brokers tbody tr").Length);
        var cut = await Page("/datasets/seed/brokers?cutPoints=true");
        Assert.All(cut.QuerySelectorAll("table.brokers tbody tr td.leaves"), td => Assert.Contains("cut point", td.TextContent));
        var people = await Page("/datasets/seed/brokers?who=people");
        Assert.Contains("left out", people.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task TheTopBrokersPageShowsWhatItBridgesWhoIsCutOffIfItLeavesItsTiesAndItsMetrics()
    {
        var page = await Page("/datasets/seed/organisations/org-capricorn");
        Assert.StartsWith("Capricorn Venture Partners", page.QuerySelector("h1")!.TextContent);
        var cards = page.QuerySelectorAll(".record .card").ToDictionary(c => c.QuerySelector("h2")!.TextContent, c => c.TextContent);
        Assert.Contains("city Leuven ↔ Wuxi", cards["As a broker"]);
        Assert.Contains("Wuxi Capital, Scorpio Investment Partners", cards["If it leaves"]);
        Assert.Contains("durfkapitalist", page.QuerySelector("blockquote.source")!.TextContent);
        Assert.Equal(6, page.QuerySelectorAll("#ties tbody tr").Length);
        Assert.Contains(page.QuerySelectorAll("#ties tbody a"), a => a.GetAttribute("href")!.StartsWith("/datasets/seed/agreements/", StringComparison.Ordinal));
        var metrics = page.QuerySelectorAll("#metrics tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.TextContent);
        Assert.Contains("2nd of 50", metrics["Betweenness"]);
        Assert.Contains("shortest routes", metrics["Betweenness"]);
        Assert.Contains(page.QuerySelectorAll("svg.mini-graph circle.centre"), c => true);
    }

    [Fact]
    public async Task TheValueChainPageMarksGapsListsACellAndExplainsEachIntroductionWithWhoCanMakeIt()
    {
        var page = await Page("/datasets/synthetic/value-chains");
        Assert.Equal(6, page.QuerySelectorAll("table.heat thead th").Length - 1);
        Assert.NotEmpty(page.QuerySelectorAll("table.heat td[class*='gap-']"));
        var cell = page.QuerySelector("table.heat td a")!.GetAttribute("href")!;
        var listed = await Page("/datasets/synthetic" + cell[cell.IndexOf("/value-chains", StringComparison.Ordinal)..].Split('#')[0]);
        Assert.NotNull(listed.GetElementById("cell"));
        Assert.NotEmpty(listed.QuerySelectorAll("#cell li a[href*='/organisations/']"));

        var introductions = page.QuerySelectorAll("ol.introductions li").ToList();
        Assert.NotEmpty(introductions);
        Assert.All(introductions, i => Assert.False(string.IsNullOrWhiteSpace(i.QuerySelector(".reason")!.TextContent)));
        Assert.Contains(introductions, i => i.TextContent.Contains("Who can introduce them", StringComparison.Ordinal));
        // One line per pair.
        var pairs = introductions.Select(i => string.Join("|", i.QuerySelectorAll(".pair > a").Select(a => a.GetAttribute("href")).Order())).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    [Fact]
    public async Task AnotherHomeRegionGivesAnotherMatrix()
    {
        var page = await Page("/datasets/seed/value-chains?region=CN");
        Assert.Contains("Value chains in CN", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task WhatIfShowsTodayAndWithoutSideBySideAndWritesNothing()
    {
        var before = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations?pageSize=1");
        var page = await Page("/datasets/seed/what-if?remove=org-capricorn");
        Assert.Contains("38 pairs", page.QuerySelector("p.headline")!.TextContent);
        var rows = page.QuerySelectorAll("table.side-by-side tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Split(' ')[0], r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList());
        Assert.Equal(["50", "49"], rows["Organisations"]);
        Assert.Contains("Wuxi Capital", page.QuerySelector("main")!.TextContent);
        var after = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations?pageSize=1");
        Assert.Equal(before.GetProperty("total").GetInt32(), after.GetProperty("total").GetInt32());

        var tie = await Page("/datasets/seed/what-if?from=org-capricorn&to=org-skolkovo");
        Assert.Contains("With Capricorn Venture Partners and Skolkovo Innovation Center introduced", tie.QuerySelector("main h2")!.TextContent);
    }

    [Fact]
    public async Task TheComparisonOfTwoDatesNamesNewAndEndedAgreements()
    {
        var page = await Page("/datasets/seed/compare?from=2015-01-01&to=2019-09-01");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("came into force", text);
        Assert.NotEmpty(page.QuerySelectorAll(".timeline a.year"));
        var bad = await Page("/datasets/seed/compare?from=yesterday");
        Assert.Contains("'yesterday' is not a date", bad.QuerySelector(".field-error")!.TextContent);
    }

    [Fact]
    public async Task TheReportIsReadableInTheBrowserAndDownloadable()
    {
        var page = await Page("/datasets/seed/report");
        var headings = page.QuerySelectorAll("article.report h2").Select(h => h.TextContent).ToList();
        Assert.Contains("Top brokers: organisations", headings);
        Assert.Contains("Single points of failure", headings);
        var markdown = await _app.CreateClient().GetAsync("/datasets/seed/report?handler=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        Assert.Contains("seed-report.md", markdown.Content.Headers.ContentDisposition!.FileName);
        Assert.StartsWith("# Seed ecosystem", await markdown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAsOfDateChangesTheAnalysisAndAMalformedOneIsNamed()
    {
        var old = await Page("/datasets/seed/brokers?asOf=2014-01-01");
        Assert.Equal("2014-01-01", ((IHtmlInputElement)old.QuerySelector("form.as-of input[name=asOf]")!).Value);
        var bad = await Page("/datasets/seed/brokers?asOf=31-12-2019");
        Assert.Contains("'31-12-2019' is not a date", bad.QuerySelector("form.as-of .field-error")!.TextContent);
    }

    [Fact]
    public async Task TheDatasetSwitcherKeepsTheKindOfPage()
    {
        var page = await Page("/datasets/seed/value-chains");
        var links = page.QuerySelectorAll("details.switcher li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/datasets/synthetic/value-chains", links);
        var record = await Page("/datasets/seed/organisations/org-capricorn");
        Assert.Contains("/datasets/synthetic/organisations", record.QuerySelectorAll("details.switcher li a").Select(a => a.GetAttribute("href")));
    }
}
