using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The shared map: every organisation positioned, pins that everyone sees, edits that move only what they touch.</summary>
public sealed class LayoutApiTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<Dictionary<string, double[]>> Nodes(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("nodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Deserialize<double[]>()!);
    }

    [Fact]
    public async Task EveryOrganisationHasAPositionAndTheVersionIsStated()
    {
        var response = await _app.CreateClient().GetAsync("/api/datasets/seed/layout");
        var nodes = await Nodes(response);
        Assert.Equal(50, nodes.Count);
        Assert.All(nodes.Values, p => Assert.True(p.Length == 2 && double.IsFinite(p[0]) && double.IsFinite(p[1])));
        Assert.Equal(nodes, await Nodes(await _app.CreateClient().GetAsync("/api/datasets/seed/layout")));
        Assert.True(response.Headers.Contains("X-Data-Version"));
    }

    [Fact]
    public async Task APinIsKeptForEveryoneAndOnlyEditorsMaySetIt()
    {
        var pin = new { nodes = new Dictionary<string, double[]?> { ["org-capricorn"] = [12.5, -3.25] } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().PutAsJsonAsync("/api/datasets/seed/layout/pins", pin)).StatusCode);

        var editor = _app.ClientWithRole(Roles.Editor);
        var pinned = await Nodes(await editor.PutAsJsonAsync("/api/datasets/seed/layout/pins", pin));
        Assert.Equal([12.5, -3.25], pinned["org-capricorn"]);

        // A colleague (here anonymous) opening the map sees the same picture.
        var seen = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/datasets/seed/layout");
        Assert.Equal(12.5, seen.GetProperty("nodes").GetProperty("org-capricorn")[0].GetDouble());
        Assert.Contains("org-capricorn", seen.GetProperty("pinned").EnumerateArray().Select(e => e.GetString()));

        // Letting go: the organisation is no longer pinned.
        var released = await editor.PutAsJsonAsync("/api/datasets/seed/layout/pins", new { nodes = new Dictionary<string, double[]?> { ["org-capricorn"] = null } });
        var after = await released.Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("org-capricorn", after.GetProperty("pinned").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""{"nodes":{"org-nobody":[1,2]}}""", HttpStatusCode.NotFound, "org-nobody")]
    [InlineData("""{"nodes":{"org-capricorn":[1]}}""", HttpStatusCode.BadRequest, "[x, y]")]
    [InlineData("""{"nodes":{"org-capricorn":[1e300,2]}}""", HttpStatusCode.BadRequest, "finite numbers")]
    [InlineData("""{"nodes":{}}""", HttpStatusCode.BadRequest, "1–1000 organisations")]
    [InlineData("""{"nodes":{"org-capricorn":[1,2]},"origin":"0123456789012345678901234567890123456789012345678901234567890123456789"}""", HttpStatusCode.BadRequest, "at most 64")]
    public async Task ABadPinIsRefusedWithAProblemNamingWhatIsWrong(string body, HttpStatusCode status, string expected)
    {
        var response = await _app.ClientWithRole(Roles.Editor).PutAsync("/api/datasets/seed/layout/pins", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        var seen = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/datasets/seed/layout");
        Assert.Empty(seen.GetProperty("pinned").EnumerateArray());
    }

    [Fact]
    public async Task AnEditMovesOnlyTheOrganisationsItTouches()
    {
        var editor = _app.ClientWithRole(Roles.Editor);
        var before = await Nodes(await editor.GetAsync("/api/datasets/seed/layout"));

        // A new organisation partnering with Capricorn.
        var created = await editor.PostAsJsonAsync("/api/datasets/seed/organisations", new { name = "NewCo", kind = "company", source = "test" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await editor.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "PARTNERS_WITH", from = id, to = "org-capricorn", kind = "research" })).EnsureSuccessStatusCode();

        var after = await Nodes(await editor.GetAsync("/api/datasets/seed/layout"));
        Assert.Equal(before.Count + 1, after.Count);
        var moved = before.Keys.Where(k => !before[k].SequenceEqual(after[k])).ToList();
        Assert.Equal(["org-capricorn"], moved);
        var (a, b) = (after[id], after["org-capricorn"]);
        Assert.True(Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2)) < 5, "the newcomer is drawn beside its partner");
    }

    [Fact]
    public async Task OneBrokersProfileSaysWhatItBridgesAndWhoIsCutOff()
    {
        var detail = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/datasets/seed/analysis/brokers/org-capricorn");
        Assert.Equal("Capricorn Venture Partners", detail.GetProperty("profile").GetProperty("name").GetString());
        Assert.True(detail.GetProperty("profile").GetProperty("bridges").GetArrayLength() > 0);
        var unknown = await _app.CreateClient().GetAsync("/api/datasets/seed/analysis/brokers/org-nobody");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
