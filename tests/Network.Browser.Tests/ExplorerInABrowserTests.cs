using System.Net.Http.Json;
using Microsoft.Playwright;
using Network.Data.Users;

namespace Network.Browser.Tests;

/// <summary>The explorer in headless Chromium (Debian's, at /usr/bin/chromium): drawing, selection, and a live update.</summary>
public sealed class ExplorerInABrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static Task<(IPlaywright, IBrowser)> Launch() => Browser.LaunchAsync();

    /// <summary>An editor's API key, written into the running server's users.db as an admin would.</summary>
    private HttpClient Editor()
    {
        var key = new Network.Data.Users.UserStore(server.DataFolder).CreateApiKey("browser-test", Network.Data.Users.Roles.Editor);
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Add(Network.Api.Auth.ApiKeyHandler.Header, key);
        return client;
    }

    [Fact]
    public async Task TheExplorerDrawsSelectsAndUpdatesLiveWhenAColleagueEdits()
    {
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.Address, "/datasets/seed/explore").ToString());
        await page.WaitForFunctionAsync("() => document.getElementById('live').textContent.includes('live')");
        Assert.Equal(50, await page.Locator("svg#graph circle").CountAsync());

        await page.Locator("circle[data-id='org-capricorn']").ClickAsync();
        Assert.Contains("Capricorn Venture Partners", await page.Locator("#details").InnerTextAsync());
        // The side panel says in words what it bridges and what breaks if it leaves.
        await page.WaitForFunctionAsync("() => document.querySelector('#details .broker-detail').textContent.includes('If it leaves')");
        var broker = await page.Locator("#details .broker-detail").InnerTextAsync();
        Assert.Contains("Bridges:", broker);
        Assert.Contains("What if it leaves", broker);

        // A colleague adds a tie; the open page hears of the new analysis and redraws itself.
        var response = await Editor().PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "PartnersWith", from = "org-capricorn", to = "org-vib", kind = "co-investment" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await page.WaitForFunctionAsync("() => document.getElementById('live').dataset.version === '2'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Equal(124, await page.Locator("svg#graph line").CountAsync());
        // Swapped in place: the selection survived the update; the new tie is ringed and said in words.
        Assert.Equal(1, await page.Locator("circle.selected[data-id='org-capricorn']").CountAsync());
        Assert.Equal("In the drawing: 1 tie appeared (ringed in orange for a moment).", await page.Locator("#drawing-change").InnerTextAsync());
        Assert.Equal(1, await page.Locator("svg#graph g.edges line.arrived").CountAsync());
        Assert.Equal(0, await page.Locator("svg#graph g.nodes circle.arrived").CountAsync());
        await Browser.ShotAsync(page, "explore-seed-live");

        // The colleague takes it back: the tie fades out where it was, and the page says so.
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/datasets/seed/relationships/PARTNERS_WITH/org-capricorn/org-vib");
        delete.Headers.IfMatch.Add(response.Headers.ETag!);
        var deleted = await Editor().SendAsync(delete);
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        await page.WaitForFunctionAsync("() => document.getElementById('live').dataset.version === '3'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Equal("In the drawing: 1 tie ended.", await page.Locator("#drawing-change").InnerTextAsync());
        Assert.Equal(123, await page.Locator("svg#graph g.edges line").CountAsync());
        Assert.Equal(1, await page.Locator("circle.selected[data-id='org-capricorn']").CountAsync());
    }

    [Fact]
    public async Task AsOfADateThoseWithoutATieThenAreDimmed()
    {
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.Address, "/datasets/seed/explore").ToString());
        var today = await page.Locator("svg#graph g.edges line").CountAsync();
        Assert.Equal(0, await page.Locator("svg#graph circle.dimmed").CountAsync());

        await page.FillAsync("input[name=asOf]", "2016-01-01");
        await page.ClickAsync("form.filter button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("asOf=2016-01-01", StringComparison.Ordinal));
        var inactive = await page.Locator("svg#graph circle[data-active='false']").CountAsync();
        Assert.InRange(inactive, 1, 49);
        Assert.Equal(50, await page.Locator("svg#graph circle").CountAsync());
        Assert.Equal(inactive, await page.Locator("svg#graph circle.dimmed").CountAsync());
        Assert.True(await page.Locator("svg#graph g.edges line").CountAsync() < today, "fewer ties were in force then");
        Assert.Contains($"the other {inactive} are dimmed", await page.Locator("#as-of-note").InnerTextAsync());

        // The table of what is drawn sorts by any column.
        await page.ClickAsync("#drawn-table summary");
        await page.ClickAsync("#drawn-table th:nth-child(1) button");
        var names = await page.Locator("#drawn-table tbody tr td:nth-child(1)").AllInnerTextsAsync();
        // Alphabetical as the browser's language orders names; the first letters at least come in order.
        var initials = names.Select(n => char.ToUpperInvariant(n[0])).ToList();
        Assert.Equal(initials.Order().ToList(), initials);
        Assert.True(names.Count == 50 && initials[0] != initials[^1]);
        Assert.Equal("ascending", await page.Locator("#drawn-table th:nth-child(1)").GetAttributeAsync("aria-sort"));
        await page.ClickAsync("#drawn-table th:nth-child(5) button");
        await page.ClickAsync("#drawn-table th:nth-child(5) button");
        var ties = (await page.Locator("#drawn-table tbody tr td:nth-child(5)").AllInnerTextsAsync()).Select(int.Parse).ToList();
        Assert.Equal(ties.OrderDescending().ToList(), ties);
        await Browser.ShotAsync(page, "explore-seed-as-of");
    }

    [Fact]
    public async Task PanAndZoomChangeTheView()
    {
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.Address, "/datasets/seed/explore").ToString());
        var svg = page.Locator("svg#graph");
        var before = await svg.GetAttributeAsync("viewBox");
        await svg.HoverAsync();
        await page.Mouse.WheelAsync(0, -400);
        var zoomed = await svg.GetAttributeAsync("viewBox");
        Assert.NotEqual(before, zoomed);
        var width = double.Parse(zoomed!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(width < 1000, $"viewBox width {width} after zooming in");

        // The keyboard does the same: + zooms in, an arrow pans.
        await svg.FocusAsync();
        await page.Keyboard.PressAsync("+");
        var keyed = await svg.GetAttributeAsync("viewBox");
        Assert.True(double.Parse(keyed!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) < width);
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.NotEqual(keyed, await svg.GetAttributeAsync("viewBox"));
    }

    [Fact]
    public async Task SearchFliesToAnActorColourAndSizeChangeTheDrawingAndHoverShowsItsPartners()
    {
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.Address, "/datasets/seed/explore").ToString());

        await page.FillAsync("#find", "capri");
        await page.WaitForSelectorAsync("#found li");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(1, await page.Locator("circle.selected[data-id='org-capricorn']").CountAsync());
        Assert.Contains("Capricorn Venture Partners", await page.Locator("#details").InnerTextAsync());
        var width = double.Parse((await page.Locator("svg#graph").GetAttributeAsync("viewBox"))!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(width < 1000, $"the view flew in to the actor (view width {width})");

        var before = await page.Locator("circle[data-id='org-ku-leuven']").GetAttributeAsync("fill");
        await page.SelectOptionAsync("#colour-by", "kind");
        Assert.NotEqual(before, await page.Locator("circle[data-id='org-ku-leuven']").GetAttributeAsync("fill"));
        Assert.Contains("university", await page.Locator("#legend").InnerTextAsync());
        await page.SelectOptionAsync("#colour-by", "sector");
        Assert.Contains("no sector", await page.Locator("#legend").InnerTextAsync());
        await page.SelectOptionAsync("#colour-by", "member");
        Assert.Contains("member of the platform", await page.Locator("#legend").InnerTextAsync());
        await page.SelectOptionAsync("#size-by", "equal");
        Assert.Equal("7.0", await page.Locator("circle[data-id='org-ku-leuven']").GetAttributeAsync("r"));
        Assert.Equal("Size: all equal.", await page.Locator("#size-legend").InnerTextAsync());
        // Any measure sizes the drawing, and the legend says what it means.
        await page.SelectOptionAsync("#size-by", "pagerank");
        Assert.NotEqual("7.0", await page.Locator("circle[data-id='org-ku-leuven']").GetAttributeAsync("r"));
        Assert.Contains("well tied", await page.Locator("#size-legend").InnerTextAsync());
        await page.SelectOptionAsync("#size-by", "effective");
        Assert.Contains("do not already know each other", await page.Locator("#size-legend").InnerTextAsync());

        // A filter dims the others and keeps them drawn.
        var drawn = await page.Locator("svg#graph circle").CountAsync();
        await page.SelectOptionAsync("#highlight", "kind:investor");
        Assert.Equal(drawn, await page.Locator("svg#graph circle").CountAsync());
        Assert.Equal(drawn - 3, await page.Locator("svg#graph circle.dimmed").CountAsync());
        Assert.DoesNotContain("dimmed", await page.Locator("circle[data-id='org-capricorn']").GetAttributeAsync("class") ?? "");
        // … or hides them, when asked.
        await page.CheckAsync("#hide-rest");
        Assert.False(await page.Locator("circle[data-id='org-ku-leuven']").IsVisibleAsync());
        Assert.True(await page.Locator("circle[data-id='org-capricorn']").IsVisibleAsync());
        await page.UncheckAsync("#hide-rest");
        // Members of the platform, a sector, a community: the same filter.
        await page.SelectOptionAsync("#highlight", "member:true");
        Assert.InRange(await page.Locator("svg#graph circle.dimmed").CountAsync(), 1, drawn - 1);
        await page.SelectOptionAsync("#highlight", "");
        Assert.Equal(0, await page.Locator("svg#graph circle.dimmed").CountAsync());

        await page.Locator("circle[data-id='org-wuxi-capital']").HoverAsync(new LocatorHoverOptions { Force = true });
        Assert.Contains("focusing", await page.Locator("svg#graph").GetAttributeAsync("class") ?? "");
        Assert.Contains("near", await page.Locator("circle[data-id='org-capricorn']").GetAttributeAsync("class") ?? "");
        Assert.DoesNotContain("near", await page.Locator("circle[data-id='org-skolkovo']").GetAttributeAsync("class") ?? "");
        await Browser.ShotAsync(page, "explore-search-colour-hover");
    }

    [Fact]
    public async Task ThePathBetweenTwoActorsIsListedStepByStepAndMarkedInTheDrawing()
    {
        var (playwright, browser) = await Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.Address, "/datasets/seed/explore").ToString());
        await page.Locator("circle[data-id='org-wuxi-capital']").ClickAsync(new LocatorClickOptions { Force = true });
        await page.FillAsync("form.path-form input[name=to]", "KU Leuven");
        await page.ClickAsync("form.path-form button");
        await page.WaitForSelectorAsync("ol.path li");
        var steps = await page.Locator("ol.path li").AllInnerTextsAsync();
        Assert.StartsWith("Wuxi Capital", steps[0]);
        Assert.Contains("KU Leuven", steps[^1]);
        Assert.All(steps.Skip(1), s => Assert.Contains(" · ", s, StringComparison.Ordinal));
        // Only what ties organisations is walked: no step through a shared city.
        Assert.DoesNotContain(steps, s => s.StartsWith("located in", StringComparison.Ordinal));
        Assert.Contains("near", await page.Locator("circle[data-id='org-ku-leuven']").GetAttributeAsync("class") ?? "");
        Assert.DoesNotContain("near", await page.Locator("circle[data-id='org-skolkovo']").GetAttributeAsync("class") ?? "");
        await Browser.ShotAsync(page, "explore-path");
    }
}
