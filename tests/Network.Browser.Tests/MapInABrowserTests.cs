using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Network.Data.Users;
using Network.Tests;

namespace Network.Browser.Tests;

/// <summary>The shared map in headless Chromium: pinning by dragging, seen by a colleague live; the whole CORDIS network on a canvas.</summary>
public sealed class MapInABrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task AnEditorDragsAnOrganisationAndAColleagueSeesItPinnedThereWithoutReloading()
    {
        new UserStore(server.DataFolder).SetUser("piet", "a long password for piet", Roles.Editor);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var colleague = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.Address.ToString() });
        await colleague.GotoAsync("/datasets/seed/explore");
        await colleague.WaitForFunctionAsync("() => document.getElementById('content').dataset.hub === 'live'");
        var before = await colleague.Locator("circle[data-id='org-capricorn']").GetAttributeAsync("cx");

        var piet = await Browser.SignedInAsync(browser, server, "piet", "a long password for piet");
        await piet.GotoAsync("/datasets/seed/explore");
        var node = await piet.Locator("circle[data-id='org-capricorn']").BoundingBoxAsync();
        await piet.Mouse.MoveAsync(node!.X + node.Width / 2, node.Y + node.Height / 2);
        await piet.Mouse.DownAsync();
        for (var i = 1; i <= 10; i++)
            await piet.Mouse.MoveAsync(node.X + node.Width / 2 + 12 * i, node.Y + node.Height / 2 + 6 * i);
        await piet.Mouse.UpAsync();
        await piet.WaitForFunctionAsync("() => document.getElementById('live').textContent.includes('pinned')");

        // The colleague's open map redraws itself: the organisation is pinned and has moved.
        await colleague.WaitForFunctionAsync("() => document.querySelector(\"circle[data-id='org-capricorn']\").classList.contains('pinned')", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.NotEqual(before, await colleague.Locator("circle[data-id='org-capricorn']").GetAttributeAsync("cx"));
        Assert.Contains("piet moved organisations on the map", await colleague.Locator("#live-notice").InnerTextAsync());
        // Piet's own page does not redraw itself from its own change (that would wipe what it just told piet).
        Assert.Contains("pinned where you put it", await piet.Locator("#live").InnerTextAsync());
        using var client = new HttpClient { BaseAddress = server.Address };
        var layout = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/layout");
        Assert.Contains("org-capricorn", layout.GetProperty("pinned").EnumerateArray().Select(p => p.GetString()));
        await Browser.ShotAsync(colleague, "explore-pinned-by-a-colleague");
    }

    [Fact]
    public async Task TheWholeCordisNetworkIsDrawnOnACanvasWithMoreLabelsAsOneZoomsInAndSearchFindsAnActor()
    {
        // Datasets are created by admins.
        using (var admin = new HttpClient { BaseAddress = server.Address })
        {
            admin.DefaultRequestHeaders.Add("X-Api-Key", new UserStore(server.DataFolder).CreateApiKey("map-test", Roles.Admin));
            var created = await admin.PostAsJsonAsync("/api/datasets", new { name = "cordis", from = "cordis-h2020-leuven" });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync("/datasets/cordis/explore?country=all", new PageGotoOptions { Timeout = 120_000 });
        var canvas = page.Locator("canvas#graph-canvas");
        await page.WaitForSelectorAsync("canvas#graph-canvas[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 120_000 });
        Assert.Contains("5271 organisations", await canvas.GetAttributeAsync("aria-label"));
        var labels = int.Parse((await canvas.GetAttributeAsync("data-labels"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(labels, 5, 60);
        await Browser.ShotAsync(page, "explore-cordis-whole");

        var box = await canvas.BoundingBoxAsync();
        await page.Mouse.MoveAsync(box!.X + box.Width / 2, box.Y + box.Height / 2);
        for (var i = 0; i < 12; i++)
            await page.Mouse.WheelAsync(0, -300);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('graph-canvas').dataset.labels) > {labels}");
        await Browser.ShotAsync(page, "explore-cordis-zoomed");

        await page.FillAsync("#find", "katholieke universiteit leuven");
        await page.WaitForSelectorAsync("#found li");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('graph-canvas').dataset.selected !== undefined");
        // Found by CORDIS's spelling, shown by its customary name.
        Assert.Contains("KU Leuven", await page.Locator("#details h2").InnerTextAsync());
        await Browser.ShotAsync(page, "explore-cordis-selected");
    }

    [Fact]
    public async Task TheGeographicViewDrawsTheSeedOnTheWorldWithWuxiAndLeuvenInTheirPlaces()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync("/datasets/seed/explore/map");
        await page.WaitForSelectorAsync("svg#map[data-drawn=true]");
        Assert.True(await page.Locator("svg#map g.basemap path").CountAsync() > 150, "the country outlines are drawn");

        var leuven = await page.Locator("circle[data-id='city-leuven']").BoundingBoxAsync();
        var wuxi = await page.Locator("circle[data-id='city-wuxi']").BoundingBoxAsync();
        Assert.True(wuxi!.X > leuven!.X + 400, "Wuxi is far east of Leuven");
        Assert.True(wuxi.Y > leuven.Y, "and further south");
        // China's outline lies around Wuxi: the point just west of it is inside a country shape.
        var inChina = await page.EvaluateAsync<string>("""
            () => {
              const c = document.querySelector("circle[data-id='city-wuxi']").getBoundingClientRect();
              const hit = document.elementsFromPoint(c.x - 12, c.y + c.height / 2).find(e => e.closest('g.basemap'));
              return hit?.querySelector('title')?.textContent ?? '';
            }
            """);
        Assert.Equal("China", inChina);

        await page.Locator("circle[data-id='city-wuxi']").ClickAsync();
        Assert.Contains("Wuxi (CN)", await page.Locator("#details").InnerTextAsync());
        await Browser.ShotAsync(page, "map-seed");

        // The map moves as the explorer does: the keyboard pans and zooms it once it has the focus.
        var map = page.Locator("svg#map");
        var before = await map.GetAttributeAsync("viewBox");
        await map.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var panned = await map.GetAttributeAsync("viewBox");
        Assert.NotEqual(before, panned);
        await page.Keyboard.PressAsync("+");
        var width = (string? box) => double.Parse(box!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(width(await map.GetAttributeAsync("viewBox")) < width(panned), "+ zooms in");
    }

    [Fact]
    public async Task ACopiedLinkRestoresTheViewAndTheDrawingDownloadsAsSvgAndPng()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/datasets/seed/explore");
        await page.SelectOptionAsync("#colour-by", "kind");
        await page.SelectOptionAsync("#highlight", "kind:investor");
        await page.Locator("circle[data-id='org-capricorn']").ClickAsync();
        await page.Locator("svg#graph").HoverAsync();
        await page.Mouse.WheelAsync(0, -400);
        var viewBox = await page.Locator("svg#graph").GetAttributeAsync("viewBox");
        Assert.Contains("selected=org-capricorn", page.Url);
        Assert.Contains("colour=kind", page.Url);

        // A colleague opens the link: the same colour, highlight, zoom and selection.
        var colleague = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await colleague.GotoAsync(page.Url);
        Assert.Equal("kind", await colleague.Locator("#colour-by").InputValueAsync());
        Assert.Equal("kind:investor", await colleague.Locator("#highlight").InputValueAsync());
        Assert.Equal(1, await colleague.Locator("circle.selected[data-id='org-capricorn']").CountAsync());
        static double[] Box(string? box) => box!.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var restored = Box(await colleague.Locator("svg#graph").GetAttributeAsync("viewBox"));
        Assert.All(Box(viewBox).Zip(restored), p => Assert.Equal(p.First, p.Second, 0.01));

        var svgDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button[data-share=svg]"));
        var svgPath = Path.Combine(RepositoryPaths.NewTemporaryFolder("network-downloads"), "view.svg");
        await svgDownload.SaveAsAsync(svgPath);
        var svg = await File.ReadAllTextAsync(svgPath);
        Assert.StartsWith("<svg", svg);
        Assert.Contains("Capricorn Venture Partners", svg);
        Assert.DoesNotContain("<script", svg);

        var pngDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button[data-share=png]"));
        var pngPath = Path.Combine(RepositoryPaths.NewTemporaryFolder("network-downloads"), "view.png");
        await pngDownload.SaveAsAsync(pngPath);
        var png = await File.ReadAllBytesAsync(pngPath);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
    }

    [Fact]
    public async Task AnUploadOverTheLimitSaysWhatTheLimitIsAndImportsNothing()
    {
        new UserStore(server.DataFolder).SetUser("anna", "a long password for anna", Roles.Editor);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await Browser.SignedInAsync(browser, server, "anna", "a long password for anna");
        await page.GotoAsync("/import");
        var big = new byte[21 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        await page.SetInputFilesAsync("input[name=files]", new FilePayload { Name = "organisations.csv", MimeType = "text/csv", Buffer = big });
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form[enctype='multipart/form-data'] button[type=submit]"),
            r => r.Url.Contains("/import", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.WaitForSelectorAsync("main h1");
        Assert.True(response.Status == 413, $"{response.Status}: {await page.Locator("main").InnerTextAsync()}");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("The upload is too large", text);
        Assert.Contains("limited to 20 MB", text);
        await Browser.ShotAsync(page, "import-too-large");
    }
}
