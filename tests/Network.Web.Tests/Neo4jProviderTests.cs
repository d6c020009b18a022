using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Network.Api.Auth;
using Network.Tests;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The whole product with Storage:Provider = Neo4j, over the Query API stand-in (see tests/neo4j-standin).</summary>
public sealed class Neo4jProviderTests(StandInServer server) : IClassFixture<StandInServer>, IDisposable
{
    private readonly List<IDisposable> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
    }

    [Fact]
    public async Task TheProductRunsOnNeo4j()
    {
        var app = new NetworkApplication();
        _apps.Add(app);
        using var neo4j = app.WithWebHostBuilder(b => b
            .UseSetting("Storage:Provider", "Neo4j")
            .UseSetting("Storage:SyntheticDataset", "false")
            .UseSetting("Neo4j:Uri", server.Uri.ToString())
            .UseSetting("Neo4j:Database", server.Database)
            .UseSetting("Neo4j:DatasetPrefix", StandInServer.NewDataset() + "-")
            .UseSetting("Neo4j:Password", server.Password));
        var client = neo4j.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        var seed = health.GetProperty("datasets")[0];
        Assert.Equal("neo4j", seed.GetProperty("provider").GetString());
        Assert.Equal(105, seed.GetProperty("nodes").GetInt32());
        Assert.Equal(167, seed.GetProperty("relationships").GetInt32());
        var capricorn = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-capricorn");
        Assert.Equal("Capricorn Venture Partners", capricorn.GetProperty("name").GetString());
        var brokers = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/analysis/brokers?top=1&label=Organisation");
        Assert.Equal("org-stad-leuven", brokers[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnUnreachableNeo4jIsAClearUnavailableStateNotACrash()
    {
        var app = new NetworkApplication();
        _apps.Add(app);
        // A dataset created earlier, whose database has since gone away.
        Directory.CreateDirectory(app.DataFolder);
        File.WriteAllText(Path.Combine(app.DataFolder, "datasets.json"), """[{"name":"seed","title":"Seed","synthetic":false,"origin":"earlier"}]""");
        using var down = app.WithWebHostBuilder(b => b
            .UseSetting("Storage:Provider", "Neo4j")
            .UseSetting("Storage:SyntheticDataset", "false")
            .UseSetting("Neo4j:Uri", "http://127.0.0.1:9")
            .UseSetting("Neo4j:Password", "x"));
        var client = down.CreateClient();
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"detail\":\"unavailable\"", await health.Content.ReadAsStringAsync());
        var key = down.Services.GetRequiredService<Network.Data.Users.UserStore>().CreateApiKey("operator", Network.Data.Users.Roles.Admin);
        var admin = down.CreateClient();
        admin.DefaultRequestHeaders.Add(Network.Api.Auth.ApiKeyHandler.Header, key);
        Assert.Contains("graph database unavailable", await (await admin.GetAsync("/health")).Content.ReadAsStringAsync());
        var read = await client.GetAsync("/api/datasets/seed/organisations/org-imec");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType!.MediaType);
    }
}
