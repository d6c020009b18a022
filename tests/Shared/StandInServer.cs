using System.Diagnostics;

namespace Network.Tests;

/// <summary>
/// Runs tests/neo4j-standin/server.mjs: a STAND-IN with the request and response shapes of Neo4j's Query API v2,
/// executing Cypher on Grafeo's embedded engine — not Neo4j itself (none can run here).
/// </summary>
public sealed class StandInServer : IDisposable
{
    private readonly Process? _process;

    public StandInServer()
    {
        // With NEO4J_URI (and NEO4J_PASSWORD) set, the same tests run against that real Neo4j instead.
        if (Environment.GetEnvironmentVariable("NEO4J_URI") is { Length: > 0 } real)
        {
            Uri = new Uri(real);
            Password = Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "";
            return;
        }
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "neo4j-standin");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@grafeo-db")))
            throw new InvalidOperationException("The Neo4j stand-in is not installed: run npm install --prefix tests/neo4j-standin (as .ci/run does).");
        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("server.mjs");
        info.Environment["STANDIN_PASSWORD"] = Password = "standin";
        _process = Process.Start(info)!;
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The stand-in did not start: " + _process.StandardError.ReadToEnd());
        Uri = new Uri($"http://127.0.0.1:{line.Split(' ')[1]}");
    }

    public Uri Uri { get; }

    public string Password { get; } = "";

    /// <summary>
    /// The one database every test uses (NEO4J_DATABASE, else Neo4j's default): tests keep apart by dataset name, as
    /// Neo4j Community, which has a single user database, requires.
    /// </summary>
    public string Database { get; } = Environment.GetEnvironmentVariable("NEO4J_DATABASE") is { Length: > 0 } database ? database : "neo4j";

    /// <summary>A dataset name no other test uses.</summary>
    public static string NewDataset() => "t" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.Dispose();
    }
}
