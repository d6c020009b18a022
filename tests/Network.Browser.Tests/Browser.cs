using Microsoft.Playwright;
using Network.Tests;

namespace Network.Browser.Tests;

/// <summary>Headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, and where its screenshots go.</summary>
public static class Browser
{
    /// <summary>artifacts/screenshots/ at the repository root (not committed): every browser test leaves one to look at.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots")).FullName;

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: apt-get install chromium (as .ci/run does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>A browser context signed in through the login form, as a colleague would.</summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, RunningServer server, string name, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=Name]", name);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }
}
