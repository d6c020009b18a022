using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Network.Tests;

namespace Network.Browser.Tests;

/// <summary>The built web app as its own process on a free loopback port, over a fresh data folder.</summary>
public class RunningServer : IAsyncLifetime, IDisposable
{
    private Process? _process;

    /// <summary>How many members the synthetic dataset the server makes at start has.</summary>
    protected virtual int SyntheticMembers => 60;

    public Uri Address { get; private set; } = null!;

    public string DataFolder { get; } = RepositoryPaths.NewTemporaryFolder("network-browser-tests");

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}");
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var web = Path.Combine(RepositoryPaths.Root, "src", "Network.Web");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = web };
        foreach (var arg in new[]
        {
            Path.Combine(web, "bin", configuration, "net10.0", "Network.Web.dll"), "--urls", Address.ToString(), "--contentRoot", web,
            "--Storage:DataFolder", DataFolder, "--Storage:SyntheticMembers", SyntheticMembers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // These tests walk the pages as a reader of an installation that opens its reads; the private default has
            // tests of its own (Network.Web.Tests PrivacyTests).
            "--Auth:AnonymousRead", "true",
        })
        {
            info.ArgumentList.Add(arg);
        }
        // Ready when the app says it listens — it does so after seeding, once every hosted service has started —
        // or failed when it ends first; two minutes at most.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Now listening on:", StringComparison.Ordinal) == true)
                listening.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The web app ended before it listened (exit {_process.ExitCode}): {string.Join('\n', errors.TakeLast(20))}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        using var client = new HttpClient { BaseAddress = Address };
        var health = await client.GetAsync("/health");
        if (!health.IsSuccessStatusCode)
            throw new InvalidOperationException($"The web app listens but /health says {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync()}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
            _process.Kill(entireProcessTree: true);
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _process?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A running server whose synthetic dataset has 8,000 members (about 8,400 organisations): a large network.</summary>
public sealed class LargeNetworkServer : RunningServer
{
    protected override int SyntheticMembers => 8000;
}
