using Microsoft.Playwright;
using Network.Data.Users;

namespace Network.Browser.Tests;

/// <summary>The manager's three jobs, clicked through in headless Chromium against the built app in its own process.</summary>
public sealed class ManagerInABrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private readonly List<string> _refused = [];

    private async Task<IPage> OpenAsync(IBrowser browser, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        // The strict content security policy refuses inline script and style; a page that needed one would say so here.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                _refused.Add(message.Text);
        };
        await page.GotoAsync(path);
        return page;
    }

    [Fact]
    public async Task NoPageBreaksTheContentSecurityPolicy()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, "/datasets/seed");
        foreach (var path in new[] { "/datasets/seed/explore", "/datasets/seed/brokers", "/datasets/seed/value-chains", "/datasets/seed/organisations/org-capricorn", "/datasets/seed/compare", "/datasets/seed/report", "/datasets/seed/what-if?remove=org-imec", "/account/login" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.Empty(_refused);
    }

    [Fact]
    public async Task TheHeaderSearchAndThePickersFindByShortNameAndGoWhereTheyShould()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, "/datasets/seed/brokers");
        // The header's type-ahead: the best matches as one types, arrow keys and Enter open the record.
        await page.FillAsync("#header-find", "ku leu");
        await page.WaitForSelectorAsync("#header-find-options li");
        Assert.StartsWith("KU Leuven", await page.Locator("#header-find-options li").First.InnerTextAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#header-find", "aria-expanded"));
        // What one sees while typing: the top of the page, not the whole ranking below it.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "header-search-seed.png") });
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/datasets/seed/organisations/org-ku-leuven");

        // The what-if picker: a name chosen from the list sends its id.
        await page.GotoAsync("/datasets/seed/what-if");
        await page.FillAsync("#remove-name", "capric");
        await page.WaitForSelectorAsync("#remove-name-options li");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("org-capricorn", await page.InputValueAsync("#remove-id"));
        await page.ClickAsync("form:has(#remove-name) button[type=submit]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("what-if\\?.*remove=org-capricorn"));
        Assert.Contains("Without Capricorn", await page.Locator("h2").First.InnerTextAsync());
    }

    [Fact]
    public async Task FindTheTopBrokerOpenItsPageAndSeeWhatItBridgesAndWhoIsCutOffIfItLeaves()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, "/");
        await page.ClickAsync("nav.tabs a:has-text('Brokers')");
        await page.WaitForURLAsync("**/datasets/seed/brokers");
        await Browser.ShotAsync(page, "brokers-seed");
        var top = page.Locator("table.brokers tbody tr").First;
        Assert.Equal("Stad Leuven", await top.Locator("td.who strong").InnerTextAsync());

        // The investor that ties Leuven to Wuxi: its row, then its page.
        await page.SelectOptionAsync("select[name=kind]", "investor");
        await page.ClickAsync("form.filter button[type=submit]");
        await page.ClickAsync("table.brokers tbody tr >> nth=0 >> td.who a");
        await page.WaitForURLAsync("**/organisations/org-capricorn");
        await Browser.ShotAsync(page, "organisation-capricorn");
        var broker = await page.Locator(".card:has(h2:text('As a broker'))").InnerTextAsync();
        Assert.Contains("city Leuven ↔ Wuxi", broker);
        var leaves = await page.Locator(".card:has(h2:text('If it leaves'))").InnerTextAsync();
        Assert.Contains("Wuxi Capital", leaves);

        await page.ClickAsync("a:has-text('Side by side with today')");
        await page.WaitForURLAsync("**/what-if?remove=org-capricorn");
        await Browser.ShotAsync(page, "what-if-capricorn");
        Assert.Contains("38 pairs", await page.Locator("p.headline").InnerTextAsync());
    }

    [Fact]
    public async Task OpenTheValueChainsClickAGapAndReadAnIntroductionAndItsReason()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await OpenAsync(browser, "/datasets/synthetic");
        await page.ClickAsync("nav.tabs a:has-text('Value chains')");
        await page.WaitForURLAsync("**/datasets/synthetic/value-chains");
        await Browser.ShotAsync(page, "value-chains-synthetic");

        await page.Locator("table.heat td[class*='gap-'] a").First.ClickAsync();
        await page.WaitForSelectorAsync("#cell");
        Assert.NotEmpty(await page.Locator("#cell h2").InnerTextAsync());
        await Browser.ShotAsync(page, "value-chains-cell");

        var introduction = page.Locator("ol.introductions li").First;
        Assert.False(string.IsNullOrWhiteSpace(await introduction.Locator(".reason").InnerTextAsync()));
        Assert.Equal(2, await introduction.Locator(".pair > a").CountAsync());
    }

    [Fact]
    public async Task EditAnOrganisationThroughTheFormAndAColleaguesPageUpdatesWithoutAReload()
    {
        new Network.Data.Users.UserStore(server.DataFolder).SetUser("maria", "a long enough password", Network.Data.Users.Roles.Editor);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        // A colleague has Leuven MindGate's page open.
        var colleague = await OpenAsync(browser, "/datasets/seed/organisations/org-leuven-mindgate");
        await colleague.WaitForFunctionAsync("() => document.getElementById('content').dataset.hub === 'live'");
        await colleague.EvaluateAsync("() => { window.notReloaded = true; }");

        var editor = await Browser.SignedInAsync(browser, server, "maria", "a long enough password");
        await editor.GotoAsync("/datasets/seed/organisations/org-leuven-mindgate");
        await editor.ClickAsync(".actions a:has-text('Edit')");
        await editor.FillAsync("input[name='Form.Name']", "");
        await editor.ClickAsync("form.record-form button.primary");
        Assert.Contains("is required", await editor.Locator("#error-Name").InnerTextAsync());
        await Browser.ShotAsync(editor, "edit-refused");

        await editor.FillAsync("input[name='Form.Name']", "Leuven MindGate vzw");
        await editor.ClickAsync("form.record-form button.primary");
        await editor.WaitForURLAsync("**/organisations/org-leuven-mindgate?saved=1");
        Assert.StartsWith("Leuven MindGate vzw", await editor.Locator("h1").InnerTextAsync());

        await colleague.WaitForFunctionAsync("() => document.querySelector('h1').textContent.includes('Leuven MindGate vzw')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.True(await colleague.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Contains("maria changed the name of Leuven MindGate vzw", await colleague.Locator("#live-notice").InnerTextAsync());
        await Browser.ShotAsync(colleague, "colleague-updated");
    }
}
