using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class HealthTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task HealthReportsEachDatasetStore()
    {
        var response = await _app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        var datasets = report.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Equal(105, datasets["seed"].GetProperty("nodes").GetInt32());
        Assert.Equal(167, datasets["seed"].GetProperty("relationships").GetInt32());
        Assert.True(datasets["synthetic"].GetProperty("synthetic").GetBoolean());
        Assert.Equal("sqlite", datasets["seed"].GetProperty("provider").GetString());
        Assert.Equal("ok", datasets["seed"].GetProperty("detail").GetString());
        var detailed = await _app.ClientWithRole(Network.Data.Users.Roles.Admin).GetFromJsonAsync<JsonElement>("/health");
        Assert.Contains("journal wal", detailed.GetProperty("datasets")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASecondStartFindsTheDataAndSeedsNothingAgain()
    {
        await _app.CreateClient().GetAsync("/health");
        using var second = _app.WithWebHostBuilder(_ => { });
        var report = await second.CreateClient().GetFromJsonAsync<JsonElement>("/health");
        var seed = report.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "seed");
        Assert.Equal(1, seed.GetProperty("version").GetInt64());
        Assert.Equal(2, report.GetProperty("datasets").GetArrayLength());
    }

    [Fact]
    public async Task TheDatasetListIsServedAsJson()
    {
        var datasets = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Equal(["seed", "synthetic"], datasets.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }
}
