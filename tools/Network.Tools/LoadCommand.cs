using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Network.Data.Users;
using Spectre.Console;
using Network.Cli;

namespace Network.Tools;

/// <summary>
/// Load test of a running server from a second process on loopback: read throughput of the broker ranking,
/// concurrent editors (every acknowledged write is then counted in the store: none lost, none doubled), and the time
/// from an edit to the hub's "analysis updated" event. It creates one editor API key per editor in the server's
/// users.db (same machine), so the per-client rate limit applies as in real use.
/// </summary>
public static class LoadCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The hub's "analysis updated" event, as the server sends it.</summary>
    private sealed record AnalysisEvent(string Dataset, long DataVersion, double Milliseconds);

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running server.", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var data = new Option<DirectoryInfo>("--data") { Description = "The server's data folder (for users.db).", DefaultValueFactory = _ => new DirectoryInfo("src/Network.Web/App_Data") };
        var dataset = new Option<string>("--dataset") { Description = "Dataset to load.", DefaultValueFactory = _ => "synthetic" };
        var readers = new Option<int>("--readers") { Description = "Concurrent readers.", DefaultValueFactory = _ => 32 };
        var readSeconds = new Option<int>("--read-seconds") { Description = "How long to read.", DefaultValueFactory = _ => 20 };
        var editors = new Option<int>("--editors") { Description = "Concurrent editors.", DefaultValueFactory = _ => 50 };
        var editSeconds = new Option<int>("--edit-seconds") { Description = "How long to edit.", DefaultValueFactory = _ => 60 };
        var latencySamples = new Option<int>("--latency-samples") { Description = "Edits timed until the analysis event arrives.", DefaultValueFactory = _ => 40 };
        var command = new Command("load", "Load-test a running server: reads/s, concurrent editors without lost writes, edit-to-event latency.")
        {
            url, data, dataset, readers, readSeconds, editors, editSeconds, latencySamples,
        };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            var baseUri = new Uri(parse.GetRequiredValue(url));
            var name = parse.GetRequiredValue(dataset);
            var folder = parse.GetRequiredValue(data);
            if (!File.Exists(Path.Combine(folder.FullName, "users.db")))
                throw new DirectoryNotFoundException($"No users.db in '{folder.FullName}': point --data at the running server's data folder.");
            var users = new UserStore(folder.FullName);
            var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

            // Reads are private by default: the readers use a viewer's key.
            var viewer = users.CreateApiKey($"load-{run}-reader", Roles.Viewer);
            await Reads(handler, baseUri, name, viewer, parse.GetValue(readers), TimeSpan.FromSeconds(parse.GetValue(readSeconds)));
            await Edits(handler, baseUri, name, users, viewer, run, parse.GetValue(editors), TimeSpan.FromSeconds(parse.GetValue(editSeconds)));
            await Latency(handler, baseUri, name, users, parse.GetValue(latencySamples));
            return 0;
        }));
        return command;
    }

    private static HttpClient Client(SocketsHttpHandler handler, Uri baseUri, string? key = null) => ServerClients.Create(handler, baseUri, key);

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task Reads(SocketsHttpHandler handler, Uri baseUri, string dataset, string viewer, int readers, TimeSpan duration)
    {
        var path = $"/api/datasets/{dataset}/analysis/brokers?top=20";
        using var warm = Client(handler, baseUri, viewer);
        (await warm.GetAsync(path)).EnsureSuccessStatusCode();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(async _ =>
        {
            using var client = Client(handler, baseUri, viewer);
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else
                    Interlocked.Increment(ref failures);
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        AnsiConsole.MarkupLine($"[bold]Reads[/] GET {Markup.Escape(path)}: {readers} readers, {elapsed:F1} s: {sorted.Count:N0} ok, {failures} failed, [bold]{sorted.Count / elapsed:N0} reads/s[/], latency p50 {Percentile(sorted, 0.5):F1} ms, p95 {Percentile(sorted, 0.95):F1} ms");
    }

    private static async Task Edits(SocketsHttpHandler handler, Uri baseUri, string dataset, UserStore users, string viewer, string run, int editors, TimeSpan duration)
    {
        var acknowledged = new ConcurrentDictionary<string, long>();
        var conflicts = 0;
        var failures = 0;
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, editors).Select(async editor =>
        {
            using var client = Client(handler, baseUri, users.CreateApiKey($"load-{run}-{editor}", Roles.Editor));
            // Each editor creates people and renames a shared sector (contended: conflicts are expected and retried).
            for (var i = 0; watch.Elapsed < duration; i++)
            {
                var id = $"load-{run}-{editor}-{i}";
                var started = Stopwatch.GetTimestamp();
                using var created = await client.PostAsJsonAsync($"/api/datasets/{dataset}/people", new { id, name = $"Load test {editor}/{i}", role = "load test", source = "network load" });
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (created.StatusCode == HttpStatusCode.Created)
                    acknowledged[id] = 1;
                else
                    Interlocked.Increment(ref failures);

                if (i % 5 == 0)
                {
                    var sector = $"/api/datasets/{dataset}/sectors/syn-sector-nanotech";
                    for (var attempt = 0; attempt < 20; attempt++)
                    {
                        using var read = await client.GetAsync(sector);
                        var body = await read.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
                        var update = new HttpRequestMessage(HttpMethod.Put, sector) { Content = JsonContent.Create(new { name = $"Nanotechnology (synthetic) — edited by {editor}", source = body!["source"].GetString() }) };
                        update.Headers.IfMatch.Add(read.Headers.ETag!);
                        using var updated = await client.SendAsync(update);
                        if (updated.StatusCode == HttpStatusCode.PreconditionFailed)
                        {
                            Interlocked.Increment(ref conflicts);
                            continue;
                        }
                        if (!updated.IsSuccessStatusCode)
                            Interlocked.Increment(ref failures);
                        break;
                    }
                }
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;

        // Count in the store what the server acknowledged.
        using var reader = Client(handler, baseUri, viewer);
        var listed = await ServerClients.PeopleAsync(reader, dataset, $"load-{run}-");
        var stored = listed.ToHashSet();
        var duplicates = listed.Count - stored.Count;
        var lost = acknowledged.Keys.Count(k => !stored.Contains(k));
        var unacknowledged = stored.Count(k => !acknowledged.ContainsKey(k));
        var sorted = latencies.Order().ToList();
        AnsiConsole.MarkupLine($"[bold]Edits[/]: {editors} editors, {elapsed:F1} s: {acknowledged.Count:N0} people created ({acknowledged.Count / elapsed:N0}/s), {conflicts} concurrent-update conflicts retried, {failures} failures; write latency p50 {Percentile(sorted, 0.5):F1} ms, p95 {Percentile(sorted, 0.95):F1} ms");
        AnsiConsole.MarkupLine($"  counted in the store afterwards: {stored.Count:N0} — [bold]{lost} lost, {duplicates} duplicated, {unacknowledged} written without acknowledgement[/]");
    }

    private static async Task Latency(SocketsHttpHandler handler, Uri baseUri, string dataset, UserStore users, int samples)
    {
        using var client = Client(handler, baseUri, users.CreateApiKey($"latency-{Guid.NewGuid():N}", Roles.Editor));
        var updates = new ConcurrentQueue<AnalysisEvent>();
        var arrived = new SemaphoreSlim(0);
        // SignalR's own .NET client, with the editor's key (reads are private by default).
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "/hubs/network"), o => o.Headers["X-Api-Key"] = client.DefaultRequestHeaders.GetValues("X-Api-Key").First())
            .Build();
        hub.On<AnalysisEvent>("AnalysisUpdated", e =>
        {
            updates.Enqueue(e);
            arrived.Release();
        });
        await hub.StartAsync();
        await hub.InvokeAsync<long>("Watch", dataset);

        var latencies = new List<double>();
        var path = $"/api/datasets/{dataset}/sectors/syn-sector-cleantech";
        for (var i = 0; i < samples + 3; i++)
        {
            using var read = await client.GetAsync(path);
            var body = await read.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
            while (updates.TryDequeue(out _))
                await arrived.WaitAsync();
            var started = Stopwatch.GetTimestamp();
            var update = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { name = $"Clean tech (synthetic) {i}", source = body!["source"].GetString() }) };
            update.Headers.IfMatch.Add(read.Headers.ETag!);
            using var updated = await client.SendAsync(update);
            updated.EnsureSuccessStatusCode();
            var version = long.Parse(updated.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
            while (true)
            {
                if (!await arrived.WaitAsync(TimeSpan.FromSeconds(30)))
                    throw new TimeoutException("No analysis event within 30 s.");
                if (updates.TryDequeue(out var e) && e.DataVersion >= version)
                    break;
            }
            // The first few warm the server's code paths.
            if (i >= 3)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        latencies.Sort();
        AnsiConsole.MarkupLine($"[bold]Edit → analysis recomputed → event received[/] on '{Markup.Escape(dataset)}': {latencies.Count} edits, p50 {Percentile(latencies, 0.5):F0} ms, [bold]p95 {Percentile(latencies, 0.95):F0} ms[/], max {latencies[^1]:F0} ms");
    }
}
