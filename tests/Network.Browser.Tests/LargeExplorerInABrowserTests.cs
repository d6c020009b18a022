using Microsoft.Playwright;

namespace Network.Browser.Tests;

/// <summary>
/// The explorer of a network of more than 8,000 organisations in headless Chromium: while the view moves, each frame is
/// the last full drawing moved (one image, not thousands of circles), and once the view is still the full drawing
/// follows where the view came to rest.
/// </summary>
public sealed class LargeExplorerInABrowserTests(LargeNetworkServer server) : IClassFixture<LargeNetworkServer>
{
    private const string Frames = "window.exploreFrameKinds()";

    [Fact]
    public async Task WhileTheViewMovesTheLastDrawingIsMovedAndOnceStillItIsDrawnAfresh()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // The analysis of 8,000 members runs when the dataset is first asked for: wait for the drawing, three minutes at most.
        await page.GotoAsync(new Uri(server.Address, "/datasets/synthetic/explore?country=all").ToString(), new PageGotoOptions { Timeout = 180_000 });
        var canvas = page.Locator("canvas#graph-canvas[data-ready=true]");
        await canvas.WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        var label = await canvas.GetAttributeAsync("aria-label") ?? "";
        var drawn = int.Parse(System.Text.RegularExpressions.Regex.Match(label, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(drawn >= 8000, label);
        await page.WaitForFunctionAsync($"() => {Frames}.full > 0");
        var before = await page.EvaluateAsync<FrameKinds>(Frames);
        Assert.Equal(0, before.Moved);
        var viewBefore = new Uri(page.Url).Query;

        // A drag across the drawing, step by step until a moved frame has been drawn (each step starts the moving anew).
        var box = (await canvas.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var step = 0;
        while ((await page.EvaluateAsync<FrameKinds>(Frames)).Moved == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no moved frame was drawn while the view moved");
            step++;
            await page.Mouse.MoveAsync((float)(x - 4 * step), (float)(y - 3 * step));
        }
        await page.Mouse.UpAsync();
        var moved = await page.EvaluateAsync<FrameKinds>(Frames);

        // Still again: the full drawing follows, at the view the drag left (kept in the address for a shared link).
        await page.WaitForFunctionAsync($"() => {Frames}.full > {moved.Full}");
        Assert.NotEqual(viewBefore, new Uri(page.Url).Query);
        Assert.Contains("view=", page.Url, StringComparison.Ordinal);
        Assert.True(int.Parse(await canvas.GetAttributeAsync("data-ties") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0, "the full drawing after the drag has ties");
        await Browser.ShotAsync(page, "explore-8000-after-drag");

        // A zoom with the wheel moves the last drawing too, then draws afresh.
        var zoomStart = await page.EvaluateAsync<FrameKinds>(Frames);
        await page.Mouse.MoveAsync((float)x, (float)y);
        deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await page.EvaluateAsync<FrameKinds>(Frames)).Moved == zoomStart.Moved)
        {
            Assert.True(DateTime.UtcNow < deadline, "no moved frame was drawn while zooming");
            await page.Mouse.WheelAsync(0, -120);
        }
        var zoomed = await page.EvaluateAsync<FrameKinds>(Frames);
        await page.WaitForFunctionAsync($"() => {Frames}.full > {zoomed.Full}");
    }

    private sealed record FrameKinds
    {
        public int Full { get; init; }

        public int Moved { get; init; }
    }
}
