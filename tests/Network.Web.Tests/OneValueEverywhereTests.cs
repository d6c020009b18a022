using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Analysis.Text;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>
/// The same measure of the same organisation in the same network is one value on every surface: the metrics and the
/// broker ranking of the API, the brokers page, the organisation's page, the report and the what-if; a cut point's
/// what-if cuts the same organisations off; every broker has a rank band that holds its rank.
/// </summary>
public sealed class OneValueEverywhereTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("seed", null)]
    [InlineData("synthetic", null)]
    [InlineData("twins", "sister-cities")]
    [InlineData("cordis", "cordis-h2020-leuven")]
    public async Task EverySurfaceGivesTheMetricsValueOfEachOrganisation(string dataset, string? from)
    {
        var client = _app.ClientWithRole(Roles.Admin);
        // The ranking answers once its rank bands are computed (100 perturbed copies; on CORDIS under a loaded suite
        // that can take longer than HttpClient's default 100 s): the deadline is the test's, not the client's.
        client.Timeout = TimeSpan.FromMinutes(10);
        if (from is not null)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/datasets", new { name = dataset, from })).StatusCode);

        var metrics = (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/metrics")).EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.All(metrics.Values, m => Assert.Equal("organisation network", m.GetProperty("network").GetString()));
        var brokers = (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/brokers?label=Organisation&top=1000")).EnumerateArray().ToList();
        Assert.Equal(Math.Min(1000, metrics.Count), brokers.Count);
        if (metrics.Count == 0)
        {
            // Twin towns are cities only: no organisation network, and every surface says so rather than inventing one.
            Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/fragility")).EnumerateArray());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/datasets/{dataset}/brokers")).StatusCode);
            return;
        }
        foreach (var broker in brokers)
        {
            var id = broker.GetProperty("id").GetString()!;
            var m = metrics[id];
            Close(m.GetProperty("betweenness").GetDouble(), broker.GetProperty("betweenness").GetDouble(), id);
            Close(Nullable(m, "constraint"), Nullable(broker, "constraint"), id);
            Close(Nullable(m, "effectiveSize"), Nullable(broker, "effectiveSize"), id);
            Assert.Equal("organisation network", broker.GetProperty("network").GetString());
            Assert.Equal(m.GetProperty("articulationPoint").GetBoolean(), broker.GetProperty("isArticulationPoint").GetBoolean());
            var rank = broker.GetProperty("rank").GetInt32();
            var band = broker.GetProperty("rankBand");
            Assert.True(band.GetProperty("low").GetInt32() <= rank && rank <= band.GetProperty("high").GetInt32(), $"{id}: rank {rank} outside its band {band}");
        }

        // The first five single points of failure cut in their what-if exactly the organisations they are said to.
        var failures = (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/fragility")).EnumerateArray().Take(5).ToList();
        foreach (var failure in failures)
        {
            var id = failure.GetProperty("id").GetString()!;
            var whatIf = await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/whatif/{id}");
            Assert.Equal(failure.GetProperty("cutOffOrganisations").GetInt32(), whatIf.GetProperty("cutOff").GetArrayLength());
            Assert.Equal(failure.GetProperty("disconnectedOrganisationPairs").GetInt64(), whatIf.GetProperty("disconnectedPairs").GetInt64());
            Assert.True(whatIf.GetProperty("cutOff").GetArrayLength() > 0, $"{id} is called a single point of failure but cuts nobody off");
        }
        // An organisation that is no cut point cuts nobody off in its what-if.
        var notCut = brokers.First(b => !b.GetProperty("isArticulationPoint").GetBoolean()).GetProperty("id").GetString()!;
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/whatif/{notCut}")).GetProperty("cutOff").GetArrayLength());

        // The pages and the report write the top broker's numbers as the API has them.
        var top = brokers[0];
        var topId = top.GetProperty("id").GetString()!;
        var betweenness = Numbers.Format("betweenness", top.GetProperty("betweenness").GetDouble());
        var brokersPage = await Html.ParseAsync(await client.GetAsync($"/datasets/{dataset}/brokers"));
        var row = brokersPage.QuerySelector($"table.brokers tbody tr[data-id='{topId}']")!;
        Assert.Equal(betweenness, row.QuerySelectorAll("td")[3].TextContent.Trim());
        var record = await Html.ParseAsync(await client.GetAsync($"/datasets/{dataset}/organisations/{Uri.EscapeDataString(topId)}"));
        var metricRows = record.QuerySelectorAll("#metrics tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal(betweenness, metricRows["Betweenness"]);
        Assert.Contains($"betweenness {betweenness}", record.QuerySelector(".network-named")!.TextContent);
        var report = await client.GetStringAsync($"/datasets/{dataset}/report?handler=Markdown");
        Assert.Contains($"| {betweenness} |", report);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("synthetic")]
    public async Task TheOverviewTheValueChainsTheReportAndTheApiCountTheSameGaps(string dataset)
    {
        var client = _app.CreateClient();
        var chains = await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset}/analysis/value-chains");
        var gaps = chains.EnumerateArray().Sum(c => c.GetProperty("gaps").GetArrayLength());
        Assert.True(gaps > 0);
        var said = $"{gaps:N0} gaps";
        var overview = await Html.ParseAsync(await client.GetAsync($"/datasets/{dataset}"));
        Assert.Contains(said, overview.QuerySelectorAll("h3").Single(h => h.TextContent.StartsWith("Worst gaps", StringComparison.Ordinal)).TextContent);
        var valueChains = await Html.ParseAsync(await client.GetAsync($"/datasets/{dataset}/value-chains"));
        Assert.Contains(said, valueChains.QuerySelector("#gaps h2")!.TextContent);
        Assert.Contains(said, await client.GetStringAsync($"/datasets/{dataset}/report?handler=Markdown"));
    }

    [Fact]
    public async Task TheWhatIfOfALeavingSectorSaysTheSectorIsEmptiedNotThatItsGapsClosed()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        // A sector with one organisation in it, active at one stage: without it, nobody is left in the sector.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sec-lonely", name = "Lonely sector", source = "test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/datasets/seed/relationships",
            new { type = "ACTIVE_IN", from = "org-capricorn", to = "sec-lonely", stages = new[] { "finance" }, source = "test" })).StatusCode);
        var page = await Html.ParseAsync(await client.GetAsync("/datasets/seed/what-if?remove=org-capricorn"));
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("no organisation left", text);
        Assert.Contains("Lonely sector", text);
        Assert.DoesNotContain(page.QuerySelectorAll("ul.better li"), li => li.TextContent.StartsWith("Lonely sector", StringComparison.Ordinal));

        // Leuven MindGate is the seed's only organisation in Creative industries, with no stage recorded.
        var mindgate = await Html.ParseAsync(await client.GetAsync("/datasets/seed/what-if?remove=org-leuven-mindgate"));
        Assert.Contains("Creative industries", mindgate.QuerySelector("p.worse")!.TextContent);
        Assert.DoesNotContain(mindgate.QuerySelectorAll("ul.better li"), li => li.TextContent.StartsWith("Creative industries", StringComparison.Ordinal));
    }

    // Null values are left out of the API's JSON.
    private static double? Nullable(JsonElement item, string name) =>
        item.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? e.GetDouble() : null;

    private static void Close(double? expected, double? actual, string id)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{id}: {expected} against {actual}");
            return;
        }
        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"{id}: {expected} against {actual}");
    }
}
