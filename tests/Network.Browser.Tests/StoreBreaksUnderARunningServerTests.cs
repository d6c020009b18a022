using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Browser.Tests;

/// <summary>
/// The database files of a running server (its own process) are deleted or overwritten: writes must then be refused
/// with 503 and a problem body — never acknowledged into a file nobody will read again — and /health must say so.
/// </summary>
public sealed class StoreBreaksUnderARunningServerTests(RunningServer server) : IClassFixture<RunningServer>
{
    private HttpClient Editor()
    {
        var key = new Network.Data.Users.UserStore(server.DataFolder).CreateApiKey("operator-" + Guid.NewGuid().ToString("N")[..6], Network.Data.Users.Roles.Admin);
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Add(Network.Api.Auth.ApiKeyHandler.Header, key);
        return client;
    }

    [Fact]
    public async Task ADeletedDatabaseFileRefusesWritesWith503AndHealthSaysUnhealthy()
    {
        var client = Editor();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sec-before", name = "Before" })).StatusCode);

        foreach (var file in Directory.GetFiles(server.DataFolder, "seed.db*"))
            File.Delete(file);

        var write = await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sec-after", name = "After" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType!.MediaType);
        Assert.Contains("nothing was", (await write.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var seed = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "seed");
        Assert.False(seed.GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task AnOverwrittenDatabaseFileRefusesWritesWith503()
    {
        var client = Editor();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/datasets/synthetic/sectors", new { id = "sec-ok", name = "Fine" })).StatusCode);
        // The whole file overwritten and its write-ahead log gone: what was committed is no longer there to build on.
        var path = Path.Combine(server.DataFolder, "synthetic.db");
        await File.WriteAllBytesAsync(path, new byte[new FileInfo(path).Length + 4096]);
        File.Delete(path + "-wal");

        var write = await client.PostAsJsonAsync("/api/datasets/synthetic/sectors", new { id = "sec-lost", name = "Lost" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType!.MediaType);
    }
}
