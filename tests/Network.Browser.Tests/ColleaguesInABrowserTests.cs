using Microsoft.Playwright;
using Network.Data.Users;

namespace Network.Browser.Tests;

/// <summary>Two signed-in colleagues: each sees the other, who is editing what, and the named notice of an edit.</summary>
public sealed class ColleaguesInABrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task AColleagueSeesWhoIsHereWhoIsEditingThisRecordAndTheirNamedChange()
    {
        var users = new Network.Data.Users.UserStore(server.DataFolder);
        users.SetUser("jan", "another long password", Network.Data.Users.Roles.Viewer);
        users.SetUser("sofie", "yet another long password", Network.Data.Users.Roles.Editor);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var jan = await Browser.SignedInAsync(browser, server, "jan", "another long password");
        await jan.GotoAsync("/datasets/seed/organisations/org-imec");
        await jan.WaitForFunctionAsync("() => document.getElementById('content').dataset.hub === 'live'");

        var sofie = await Browser.SignedInAsync(browser, server, "sofie", "yet another long password");
        await sofie.GotoAsync("/datasets/seed/organisations/org-imec/edit");
        await sofie.WaitForFunctionAsync("() => document.getElementById('content').dataset.hub === 'live'");

        await jan.WaitForFunctionAsync("() => document.getElementById('presence').textContent.includes('sofie')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains("sofie (editing imec)", await jan.Locator("#presence").InnerTextAsync());
        Assert.Contains("sofie is editing this record right now", await jan.Locator("#editing-warning").InnerTextAsync());
        await sofie.WaitForFunctionAsync("() => document.getElementById('presence').textContent.includes('jan')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await Browser.ShotAsync(jan, "presence-editing");

        await sofie.FillAsync("input[name='Form.Website']", "https://www.imec-int.com");
        await sofie.ClickAsync("form.record-form button.primary");
        await sofie.WaitForURLAsync("**/organisations/org-imec?saved=1");

        await jan.WaitForFunctionAsync("() => document.getElementById('live-notice').textContent.includes('sofie changed the website of imec')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains("imec-int.com", await jan.Locator("dl.fields").First.InnerTextAsync());
        await Browser.ShotAsync(jan, "presence-after-edit");
    }
}
