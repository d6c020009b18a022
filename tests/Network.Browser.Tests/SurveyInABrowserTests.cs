using System.Text.Json;
using Microsoft.Playwright;

namespace Network.Browser.Tests;

/// <summary>
/// The member survey end to end in Chromium: an admin opens a survey and invites three members; two answer on a
/// phone-width page (one names the other back, so their tie is confirmed), one answers twice (the second replaces the
/// first); the dashboard counts them; the ties show on the record pages and in the explorer; the brokers move; a
/// closed survey answers 410 and a withdrawn link 404.
/// </summary>
public sealed class SurveyInABrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private BrowserNewContextOptions Phone(string locale) => new()
    {
        BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = locale,
    };

    private static async Task NamePartner(IPage page, int row, string typed, string id, string kind, string strength)
    {
        await page.FillAsync($"#partner-{row}-name", typed);
        // Picked from the roster's type-ahead: the hidden id is filled.
        await page.Locator($"#partner-{row}-name-options li").First.WaitForAsync();
        await page.PressAsync($"#partner-{row}-name", "Enter");
        Assert.Equal(id, await page.InputValueAsync($"#partner-{row}-id"));
        await page.CheckAsync($"fieldset.partner[data-index='{row}'] input[value='{kind}']");
        await page.SelectOptionAsync($"select[name='Partners[{row}].Strength']", strength);
    }

    private async Task<JsonElement> Brokers(IPage page) =>
        JsonDocument.Parse(await (await page.APIRequest.GetAsync(new Uri(server.Address, "/api/datasets/seed/analysis/brokers?top=500").ToString())).TextAsync()).RootElement;

    [Fact]
    public async Task MembersAnswerOnTheirPhonesAndTheTiesBecomeData()
    {
        new Network.Data.Users.UserStore(server.DataFolder).SetUser("ann", "a long survey password", Network.Data.Users.Roles.Admin);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var admin = await Browser.SignedInAsync(browser, server, "ann", "a long survey password");
        var capricornBefore = (await Brokers(admin)).EnumerateArray().First(b => b.GetProperty("id").GetString() == "org-capricorn").GetProperty("score").GetDouble();

        // Open the survey and invite three members: one picked from the type-ahead, two typed.
        await admin.GotoAsync("/datasets/seed/surveys");
        await admin.FillAsync("input[name=Name]", "Partners 2026");
        await admin.ClickAsync("form.survey-new button.primary");
        await admin.WaitForURLAsync(url => url.Contains("/surveys/s-", StringComparison.Ordinal));
        var dashboard = admin.Url;
        await admin.FillAsync("#invite-name", "Capricorn");
        await admin.Locator("#invite-name-options li").First.WaitForAsync();
        await admin.PressAsync("#invite-name", "Enter");
        Assert.Equal("org-capricorn", await admin.InputValueAsync("#invite-id"));
        await admin.ClickAsync("form:has(#invite-name) button[type=submit]");
        await admin.WaitForURLAsync(url => url.Contains("message=", StringComparison.Ordinal));
        foreach (var name in new[] { "VIB", "imec" })
        {
            await admin.FillAsync("#invite-name", name);
            await admin.Locator("#invite-name").PressAsync("Escape");
            await admin.ClickAsync("form:has(#invite-name) button[type=submit]");
            await admin.WaitForURLAsync(url => url.Contains("message=", StringComparison.Ordinal));
        }
        Assert.Equal("3", await admin.Locator("[data-figure=invited]").InnerTextAsync());
        var csv = await (await admin.APIRequest.GetAsync((await admin.Locator("a[href$='invitations.csv']").GetAttributeAsync("href"))!)).TextAsync();
        var links = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => c[0].TrimStart('\uFEFF'), c => new Uri(c[3]).PathAndQuery);
        Assert.Equal(["org-capricorn", "org-imec", "org-vib"], links.Keys.Order());

        // Capricorn answers on a phone, in Dutch (the phone's language).
        var capricorn = await (await browser.NewContextAsync(Phone("nl-BE"))).NewPageAsync();
        await capricorn.GotoAsync(links["org-capricorn"]);
        var main = await capricorn.InnerTextAsync("main");
        Assert.True(main.Contains("Met wie werkt uw organisatie samen?", StringComparison.Ordinal), main[..Math.Min(400, main.Length)]);
        Assert.Equal("nl", await capricorn.GetAttributeAsync("html", "lang"));
        await NamePartner(capricorn, 0, "VIB", "org-vib", "investor", "4");
        await Browser.ShotAsync(capricorn, "survey-respondent-phone");
        await capricorn.ClickAsync("button.primary");
        await capricorn.WaitForSelectorAsync("#survey-done");
        Assert.Contains("Dank u", await capricorn.InnerTextAsync("#survey-done"));
        // The page fits the phone: nothing wider than the screen.
        Assert.True(await capricorn.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // The VIB answers (naming Capricorn back), then answers again with one more partner: the second replaces the first.
        var vib = await (await browser.NewContextAsync(Phone("en-GB"))).NewPageAsync();
        await vib.GotoAsync(links["org-vib"]);
        await NamePartner(vib, 0, "Capricorn", "org-capricorn", "investor", "3");
        await vib.ClickAsync("button.primary");
        await vib.WaitForSelectorAsync("#survey-done");
        await vib.ClickAsync("#survey-done a.button");
        Assert.Equal("org-capricorn", await vib.InputValueAsync("#partner-0-id"));
        Assert.Contains("You answered on", await vib.InnerTextAsync(".survey-last"));
        await NamePartner(vib, 1, "ku leuven", "org-ku-leuven", "joint project", "2");
        // Two typed outside the list: one the dataset has under its customary name, one it does not know.
        await vib.FillAsync("input[name='NewPartners[0].Name']", "IMEC");
        await vib.FillAsync("input[name='NewPartners[0].City']", "Leuven");
        await vib.FillAsync("input[name='NewPartners[1].Name']", "Brand New Robotics");
        await vib.ClickAsync("button.primary");
        await vib.WaitForSelectorAsync("#survey-done");
        Assert.Contains("2 partner", await vib.InnerTextAsync("#survey-done"));

        // The respondent's page on a desktop, for the record.
        var desktop = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await desktop.GotoAsync(links["org-imec"] + "?lang=en");
        await Browser.ShotAsync(desktop, "survey-respondent-desktop");
        // What imec types is kept on the device until it is sent: opened again, the draft is back.
        await desktop.ClickAsync("#add-partner");
        await desktop.FillAsync("#partner-3-name", "A partner typed before lunch");
        await desktop.CheckAsync("fieldset.partner[data-index='3'] input[value='supplier']");
        await desktop.ReloadAsync();
        await desktop.Locator("#draft-restored").WaitForAsync();
        Assert.Equal("A partner typed before lunch", await desktop.InputValueAsync("#partner-3-name"));
        Assert.True(await desktop.IsCheckedAsync("fieldset.partner[data-index='3'] input[value='supplier']"));

        // The dashboard: 3 invited, 2 answered, one confirmed tie and one unconfirmed.
        await admin.GotoAsync(dashboard);
        Assert.Equal("3", await admin.Locator("[data-figure=invited]").InnerTextAsync());
        Assert.Equal("2", await admin.Locator("[data-figure=answered]").InnerTextAsync());
        Assert.Equal("1", await admin.Locator("[data-figure=confirmed]").InnerTextAsync());
        Assert.Equal("1", await admin.Locator("[data-figure=unconfirmed]").InnerTextAsync());
        Assert.Contains("imec", await admin.Locator("#not-answered").InnerTextAsync());
        // Entity resolution finds "IMEC" in the dataset: linked, not added twice; the unknown one can become a record.
        Assert.Contains("the same", await admin.Locator("table.new-partners tr:has-text('IMEC')").InnerTextAsync());
        Assert.Equal(1, await admin.Locator("table.new-partners tr:has-text('Brand New Robotics') a.add-partner").CountAsync());
        await Browser.ShotAsync(admin, "survey-dashboard");

        // The ties on the record pages, with their provenance.
        await admin.GotoAsync("/datasets/seed/organisations/org-vib");
        var partners = await admin.Locator("ul.relationships li:has-text('Capricorn Venture Partners')").InnerTextAsync();
        Assert.Contains("confirmed by both", partners);
        Assert.Contains("survey 'Partners 2026', answered by", partners);
        Assert.Contains("unconfirmed — named only by VIB", await admin.Locator("ul.relationships li:has-text('KU Leuven')").First.InnerTextAsync());
        await Browser.ShotAsync(admin, "survey-record-ties");

        // In the explorer, and among the brokers: Capricorn's new tie moves its score.
        await admin.GotoAsync("/datasets/seed/explore");
        Assert.Equal(1, await admin.Locator("svg#graph line[data-a='org-capricorn'][data-b='org-vib'], svg#graph line[data-a='org-vib'][data-b='org-capricorn']").CountAsync());
        var capricornAfter = (await Brokers(admin)).EnumerateArray().First(b => b.GetProperty("id").GetString() == "org-capricorn").GetProperty("score").GetDouble();
        Assert.NotEqual(capricornBefore, capricornAfter);

        // A withdrawn link is not found; a closed survey is gone.
        await admin.GotoAsync(dashboard);
        await admin.ClickAsync("#not-answered li:has-text('imec') button");
        await admin.WaitForURLAsync(url => url.Contains("message=", StringComparison.Ordinal));
        Assert.Equal(404, (await desktop.GotoAsync(links["org-imec"]))!.Status);
        await admin.ClickAsync("form.danger-zone button");
        await admin.WaitForURLAsync(url => url.Contains("message=", StringComparison.Ordinal));
        Assert.Equal(410, (await capricorn.GotoAsync(links["org-capricorn"]))!.Status);
        Assert.Contains("afgesloten", await capricorn.InnerTextAsync("main"));
    }
}
