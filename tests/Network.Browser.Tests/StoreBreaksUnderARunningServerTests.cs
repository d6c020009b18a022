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

    [Fact]
    public async Task AFaultInjectionRunFromASecondProcessFindsEveryAcknowledgedWriteAndNoRefusedOne()
    {
        // `network-tools faults`: editors write while the store is made unwritable and writable again, twice; then it counts.
        // Its own dataset: the other tests here break theirs for good.
        var created = await Editor().PostAsJsonAsync("/api/datasets", new { name = "faults" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Network.Tests.RepositoryPaths.Root };
        foreach (var arg in new[]
        {
            Path.Combine(Network.Tests.RepositoryPaths.Root, "tools", "Network.Tools", "bin", configuration, "net10.0", "network-tools.dll"), "faults",
            "--url", server.Address.ToString(), "--data", server.DataFolder, "--dataset", "faults",
            "--editors", "3", "--cycles", "2", "--writes-per-phase", "10", "--phase-seconds", "5",
        })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NO_COLOR"] = "1";
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        var text = await output + await error;

        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("kept: every acknowledged write is in the store", text);
        Assert.Contains("(0 lost, 0 written although refused)", text);
        var sent = int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"requests sent ([\d,]+)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(sent >= 30, text);
        if (text.Contains("chattr +i", StringComparison.Ordinal))
        {
            // Where the files can be made immutable, the server refused while broken and said so on /health.
            Assert.Matches(@"503 × [\d,]+", text);
            Assert.Contains("/health at the end of each broken phase: 503, 503", text);
        }

        // And the server writes again afterwards.
        var after = await Editor().PostAsJsonAsync("/api/datasets/faults/sectors", new { id = "sec-after-faults", name = "After the faults" });
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }
}
