using System.Globalization;

namespace Network.Web.Tests;

/// <summary>The explorer's geographic view: cities at their coordinates, arcs for ties across cities, the unplaced listed.</summary>
public sealed class MapPageTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static double Number(AngleSharp.Dom.IElement e, string attribute) => double.Parse(e.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheSeedIsDrawnWithWuxiAndLeuvenInTheirPlacesAndTheTieBetweenThemCrossesABorder()
    {
        var page = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/explore/map"));
        var leuven = page.QuerySelector("svg#map circle[data-id='city-leuven']")!;
        var wuxi = page.QuerySelector("svg#map circle[data-id='city-wuxi']")!;
        Assert.Equal(31.5689, Number(wuxi, "data-lat"));
        Assert.Equal(120.2886, Number(wuxi, "data-lon"));
        // East is right, south is down.
        Assert.True(Number(wuxi, "cx") > Number(leuven, "cx") + 300);
        Assert.True(Number(wuxi, "cy") > Number(leuven, "cy") + 50);
        Assert.All(page.QuerySelectorAll("svg#map g.cities circle"), c =>
        {
            Assert.InRange(Number(c, "cx"), 0, 1000);
            Assert.InRange(Number(c, "cy"), 0, 600);
        });
        var arc = page.QuerySelectorAll("svg#map g.arcs path").Single(p =>
            new[] { p.GetAttribute("data-a"), p.GetAttribute("data-b") }.Order().SequenceEqual(["city-leuven", "city-wuxi"]));
        Assert.Contains("international", arc.ClassList);
        Assert.Contains("ties between their organisations", arc.TextContent);
        Assert.Contains("GeoNames", leuven.GetAttribute("data-how"));
        Assert.NotNull(page.QuerySelector("svg#map[data-outlines$='countries-110m.json']"));
        // The trade mission to Russia: Antwerp's organisations went to an event in Moscow.
        Assert.Contains(page.QuerySelectorAll("svg#map g.arcs path.visit"), p => p.GetAttribute("data-b") == "city-moskou" || p.GetAttribute("data-a") == "city-moskou");
    }

    [Fact]
    public async Task TheExplorerOffersTheMapAndTheMapOffersTheNetwork()
    {
        var explore = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/explore"));
        Assert.Equal("/datasets/seed/explore/map", explore.QuerySelector("nav.view-switch a:not([aria-current])")!.GetAttribute("href"));
        var map = await Html.ParseAsync(await _app.CreateClient().GetAsync("/datasets/seed/explore/map"));
        Assert.Equal("Map", map.QuerySelector("nav.view-switch a[aria-current=page]")!.TextContent);
    }
}
