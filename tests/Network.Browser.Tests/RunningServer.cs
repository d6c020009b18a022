using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Network.Tests;

namespace Network.Browser.Tests;

/// <summary>The built web app as its own process on a free loopback port, over a fresh data folder.</summary>
public sealed class RunningServer : IAsyncLifetime
{
    private Process? _process;

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
            "--Storage:DataFolder", DataFolder, "--Storage:SyntheticMembers", "60",
        })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = Address };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The web app did not start within two minutes.");
    }

    public Task DisposeAsync()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.Dispose();
        return Task.CompletedTask;
    }
}
