using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Network.Data.Users;
using Spectre.Console;
using Network.Cli;

namespace Network.Tools;

/// <summary>
/// Fault injection against a running server from a second process: editors keep creating people while this command
/// makes the dataset's database file unwritable underneath the server and writable again, several times. Afterwards
/// it counts in the store what the server acknowledged. The promise checked: every acknowledged write is there, no
/// refused write is there, and while the store was broken the server said so (503) instead of acknowledging.
/// </summary>
/// <remarks>
/// The phases follow what is observed, each bounded by <c>--phase-seconds</c>: healthy until the editors have had a
/// number of writes acknowledged, broken until as many were refused. Breaking the store: <c>chattr +i</c> on the
/// database and its write-ahead log (the files become immutable, also for a process already holding them open, also
/// for root; needs root and a file system with attributes), or, where that is not
/// possible, an exclusive lock on the database held by this process (writes then wait for the store's busy timeout).
/// </remarks>
public static class FaultsCommand
{
    public const int Broken = 3;

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running server.", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var data = new Option<DirectoryInfo>("--data") { Description = "The server's data folder (users.db and the dataset's .db file).", DefaultValueFactory = _ => new DirectoryInfo("src/Network.Web/App_Data") };
        var dataset = new Option<string>("--dataset") { Description = "Dataset to write into (stored in SQLite).", DefaultValueFactory = _ => "synthetic" };
        var editors = new Option<int>("--editors") { Description = "Concurrent editors.", DefaultValueFactory = _ => 4 };
        var cycles = new Option<int>("--cycles") { Description = "How many times the store is broken and mended.", DefaultValueFactory = _ => 3 };
        var writesPerPhase = new Option<int>("--writes-per-phase") { Description = "Acknowledged (healthy) or refused (broken) writes that end a phase.", DefaultValueFactory = _ => 20 };
        var phaseSeconds = new Option<int>("--phase-seconds") { Description = "The longest a phase lasts.", DefaultValueFactory = _ => 15 };
        var method = new Option<string>("--method") { Description = "How the store is broken: immutable (chattr +i), lock (an exclusive SQLite lock) or auto.", DefaultValueFactory = _ => "auto" };
        var command = new Command("faults", "Break a running server's store underneath it and mend it again while editors write; then count what was acknowledged against what is stored.")
        {
            url, data, dataset, editors, cycles, writesPerPhase, phaseSeconds, method,
        };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            var folder = parse.GetRequiredValue(data).FullName;
            var name = parse.GetRequiredValue(dataset);
            var database = Path.Combine(folder, name + ".db");
            if (!File.Exists(Path.Combine(folder, "users.db")))
                throw new DirectoryNotFoundException($"No users.db in '{folder}': point --data at the running server's data folder.");
            if (!File.Exists(database))
                throw new FileNotFoundException($"No database file '{database}': --dataset must name a dataset the server keeps in SQLite.");
            using var fault = StoreFault.Choose(parse.GetRequiredValue(method), database);
            var run = new FaultRun(new Uri(parse.GetRequiredValue(url)), name, new UserStore(folder), parse.GetValue(editors));
            var report = await run.RunAsync(fault, parse.GetValue(cycles), parse.GetValue(writesPerPhase), TimeSpan.FromSeconds(parse.GetValue(phaseSeconds)));
            report.Print();
            return report.Kept ? 0 : Broken;
        }));
        return command;
    }

    /// <summary>What a run counted.</summary>
    public sealed record Report(string Method, int Sent, int Acknowledged, int Found, int Lost, int RefusedYetStored, int AcknowledgedWhileBroken,
        IReadOnlyDictionary<string, int> Refusals, IReadOnlyDictionary<string, string> Examples, IReadOnlyList<int> HealthWhileBroken, TimeSpan Elapsed, IReadOnlyList<string> Phases)
    {
        /// <summary>Nothing acknowledged lost, nothing refused written.</summary>
        public bool Kept => Lost == 0 && RefusedYetStored == 0 && Found == Acknowledged;

        public void Print()
        {
            AnsiConsole.MarkupLine($"[bold]Fault injection[/] ({Markup.Escape(Method)}), {Elapsed.TotalSeconds:F1} s: {string.Join(" → ", Phases.Select(Markup.Escape))}");
            AnsiConsole.MarkupLine($"  requests sent {Sent:N0}; acknowledged (201) {Acknowledged:N0}; found in the store afterwards {Found:N0}");
            AnsiConsole.MarkupLine($"  refused, by status: {(Refusals.Count == 0 ? "none" : string.Join(", ", Refusals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} × {r.Value:N0}")))}");
            foreach (var (status, detail) in Examples.OrderBy(e => e.Key, StringComparer.Ordinal))
                AnsiConsole.MarkupLine($"    {status}: {Markup.Escape(detail)}");
            AnsiConsole.MarkupLine($"  /health at the end of each broken phase: {string.Join(", ", HealthWhileBroken)}");
            AnsiConsole.MarkupLine($"  acknowledged while the store was broken: {AcknowledgedWhileBroken:N0} (each one is in the store: counted above)");
            AnsiConsole.MarkupLine(Kept
                ? $"  [green]kept[/]: every acknowledged write is in the store, no refused write is ({Lost} lost, {RefusedYetStored} written although refused)"
                : $"  [red]broken promise[/]: {Lost} acknowledged writes lost, {RefusedYetStored} written although refused");
        }
    }

    private sealed class FaultRun(Uri server, string dataset, UserStore users, int editors)
    {
        private readonly string _prefix = $"fault-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..4]}-";
        private readonly ConcurrentDictionary<string, bool> _acknowledged = new();
        private readonly ConcurrentDictionary<string, string> _refused = new();
        private readonly ConcurrentDictionary<string, string> _examples = new();
        private readonly List<int> _healthWhileBroken = [];
        private int _sent, _acknowledgedCount, _refusedCount, _acknowledgedWhileBroken;
        private volatile bool _broken;

        public async Task<Report> RunAsync(StoreFault fault, int cycles, int writesPerPhase, TimeSpan phaseLimit)
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
            using var stop = new CancellationTokenSource();
            var watch = Stopwatch.StartNew();
            var writers = Enumerable.Range(0, editors).Select(e => WriteUntilStopped(handler, e, stop.Token)).ToList();
            var phases = new List<string>();
            try
            {
                for (var cycle = 0; cycle <= cycles; cycle++)
                {
                    phases.Add(await Phase("healthy", () => _acknowledgedCount, writesPerPhase, phaseLimit));
                    if (cycle == cycles)
                        break;
                    fault.Break();
                    _broken = true;
                    try
                    {
                        phases.Add(await Phase("broken", () => _refusedCount, writesPerPhase, phaseLimit));
                        using var probe = Client(handler, null);
                        using var health = await probe.GetAsync("/health");
                        _healthWhileBroken.Add((int)health.StatusCode);
                    }
                    finally
                    {
                        _broken = false;
                        fault.Mend();
                    }
                }
            }
            finally
            {
                fault.Mend();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }
            var elapsed = watch.Elapsed;

            // Count what the store holds now, through the server (which reads the same file).
            using var reader = Client(handler, null);
            var stored = (await ServerClients.PeopleAsync(reader, dataset, _prefix)).ToHashSet(StringComparer.Ordinal);
            var lost = _acknowledged.Keys.Count(id => !stored.Contains(id));
            var refusedYetStored = _refused.Keys.Count(stored.Contains);
            var refusals = _refused.Values.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new Report(fault.Method, _sent, _acknowledged.Count, stored.Count(_acknowledged.ContainsKey), lost, refusedYetStored,
                _acknowledgedWhileBroken, refusals, _examples, _healthWhileBroken, elapsed, phases);
        }

        /// <summary>Waits until the counter has grown by <paramref name="wanted"/>, or the limit passes.</summary>
        private static async Task<string> Phase(string name, Func<int> counter, int wanted, TimeSpan limit)
        {
            var start = counter();
            var watch = Stopwatch.StartNew();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (counter() - start < wanted && watch.Elapsed < limit)
                await timer.WaitForNextTickAsync();
            var reached = counter() - start;
            return $"{name} {watch.Elapsed.TotalSeconds:F1} s ({reached} {(name == "healthy" ? "acknowledged" : "refused")}{(reached < wanted ? ", limit reached" : "")})";
        }

        private HttpClient Client(SocketsHttpHandler handler, string? key) => ServerClients.Create(handler, server, key, TimeSpan.FromSeconds(100));

        private async Task WriteUntilStopped(SocketsHttpHandler handler, int editor, CancellationToken stop)
        {
            using var client = Client(handler, users.CreateApiKey($"{_prefix}{editor}", Roles.Editor));
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"{_prefix}{editor}-{i}";
                var brokenWhenSent = _broken;
                Interlocked.Increment(ref _sent);
                try
                {
                    // Not cancelled by the stop: a request in flight is always answered and counted.
                    using var response = await client.PostAsJsonAsync($"/api/datasets/{dataset}/people",
                        new { id, name = $"Fault run {editor}/{i}", role = "fault injection", source = "network faults" }, CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        _acknowledged[id] = true;
                        Interlocked.Increment(ref _acknowledgedCount);
                        if (brokenWhenSent && _broken)
                            Interlocked.Increment(ref _acknowledgedWhileBroken);
                    }
                    else
                    {
                        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        if (!_examples.ContainsKey(status))
                            _examples.TryAdd(status, await ProblemDetail(response));
                        _refused[id] = status;
                        Interlocked.Increment(ref _refusedCount);
                    }
                }
                catch (HttpRequestException e)
                {
                    _refused[id] = "no answer (" + (e.HttpRequestError.ToString()) + ")";
                    Interlocked.Increment(ref _refusedCount);
                }
            }
        }

        private static async Task<string> ProblemDetail(HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            try
            {
                using var problem = System.Text.Json.JsonDocument.Parse(text);
                return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : text;
            }
            catch (System.Text.Json.JsonException)
            {
                return "not a problem body: " + text[..Math.Min(120, text.Length)];
            }
        }
    }

    /// <summary>A way to make the database file unwritable under the running server, and writable again.</summary>
    public abstract class StoreFault : IDisposable
    {
        public abstract string Method { get; }

        public abstract void Break();

        /// <summary>Undoes <see cref="Break"/>; safe to call when not broken.</summary>
        public abstract void Mend();

        public void Dispose()
        {
            Mend();
            GC.SuppressFinalize(this);
        }

        public static StoreFault Choose(string method, string database) => method switch
        {
            "immutable" => Immutable.Works(database) ? new Immutable(database) : throw new ArgumentException("chattr +i does not work here (it needs root and a file system with attributes); use --method lock."),
            "lock" => new ExclusiveLock(database),
            "auto" => Immutable.Works(database) ? new Immutable(database) : new ExclusiveLock(database),
            _ => throw new ArgumentException($"--method must be immutable, lock or auto, not '{method}'."),
        };

        private sealed class Immutable(string database) : StoreFault
        {
            private string[] _files = [];

            public override string Method => "database files made immutable with chattr +i";

            public override void Break()
            {
                // Not the -shm file: SQLite maps it into memory, and a write into a mapping of an immutable file is a
                // SIGBUS that ends the server (measured: exit 135). That file is an index SQLite rebuilds, not data.
                _files = new[] { database, database + "-wal" }.Where(File.Exists).ToArray();
                Chattr("+i", _files);
            }

            public override void Mend()
            {
                if (_files.Length > 0)
                    Chattr("-i", _files);
                _files = [];
            }

            /// <summary>Tries the attribute on a scratch file beside the database.</summary>
            public static bool Works(string database)
            {
                var probe = Path.Combine(Path.GetDirectoryName(database)!, $".faults-probe-{Guid.NewGuid():N}");
                File.WriteAllText(probe, "probe");
                try
                {
                    if (!TryChattr("+i", [probe]))
                        return false;
                    try
                    {
                        File.AppendAllText(probe, "x");
                        return false;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        return true;
                    }
                }
                finally
                {
                    TryChattr("-i", [probe]);
                    File.Delete(probe);
                }
            }

            private static void Chattr(string flag, string[] files)
            {
                if (!TryChattr(flag, files))
                    throw new IOException($"chattr {flag} failed on {string.Join(", ", files)}.");
            }

            private static bool TryChattr(string flag, string[] files)
            {
                try
                {
                    var info = new ProcessStartInfo("chattr") { RedirectStandardError = true, RedirectStandardOutput = true };
                    info.ArgumentList.Add(flag);
                    foreach (var file in files)
                        info.ArgumentList.Add(file);
                    using var process = Process.Start(info)!;
                    process.WaitForExit();
                    return process.ExitCode == 0;
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    return false; // no chattr on this machine
                }
            }
        }

        private sealed class ExclusiveLock(string database) : StoreFault
        {
            private SqliteConnection? _connection;
            private SqliteTransaction? _transaction;

            public override string Method => "an exclusive SQLite lock held by a second process";

            public override void Break()
            {
                _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                _connection.Open();
                _transaction = _connection.BeginTransaction(deferred: false);
                using var command = _connection.CreateCommand();
                command.Transaction = _transaction;
                // An exclusive lock: in WAL mode, a write transaction that has written keeps every other writer out.
                command.CommandText = "UPDATE meta SET value = value WHERE key = 'store_id'";
                command.ExecuteNonQuery();
            }

            public override void Mend()
            {
                _transaction?.Rollback();
                _transaction?.Dispose();
                _connection?.Dispose();
                _transaction = null;
                _connection = null;
            }
        }
    }
}
