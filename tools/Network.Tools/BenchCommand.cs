using Network.Analysis.Insights;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Network.Analysis;
using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Graphs;
using Network.Analysis.Projection;
using Network.Analysis.Synthetic;
using Spectre.Console;
using Network.Cli;

namespace Network.Tools;

/// <summary>
/// Times this engine and the reference tools (igraph, graph-tool; Debian's python3-igraph and python3-graph-tool)
/// on the same Barabási–Albert graphs in one run and prints the ratios. The figures are measured each run, never stored.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated node counts.", DefaultValueFactory = _ => "1000,10000,100000" };
        var attach = new Option<int>("--m") { Description = "Ties per new node in the Barabási–Albert model.", DefaultValueFactory = _ => 3 };
        var exactLimit = new Option<int>("--exact-limit") { Description = "Largest graph with exact betweenness; above it 500 pivots.", DefaultValueFactory = _ => 10_000 };
        var python = new Option<string>("--python") { Description = "Python with igraph and graph-tool.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var noReference = new Option<bool>("--no-reference") { Description = "Time this engine only." };
        var cordis = new Option<string>("--cordis") { Description = "The CORDIS data folder for the what-if.", DefaultValueFactory = _ => "data/cordis-h2020-leuven" };
        var whatIfId = new Option<string>("--whatif") { Description = "Who leaves in the CORDIS what-if.", DefaultValueFactory = _ => "pic-999991334" };
        var runs = new Option<int>("--runs") { Description = "Times the two ratio rows (CORDIS, whole processes) are measured, for their spread.", DefaultValueFactory = _ => 5 };
        var members = new Option<string>("--members") { Description = "Comma-separated sizes of generated ecosystems analysed by `network analyze` as whole processes (empty: none).", DefaultValueFactory = _ => "1000,10000,50000,100000" };
        var command = new Command("bench", "Benchmark betweenness, PageRank and Leiden against igraph and graph-tool on the same graphs.")
        {
            sizes, attach, exactLimit, python, noReference, cordis, whatIfId, members, runs,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var threads = Environment.ProcessorCount;
            AnsiConsole.MarkupLine($"[bold]network bench[/]: {threads} cores, .NET {Environment.Version}; Barabási–Albert graphs, m = {parse.GetValue(attach)}, seed 1");
            Ecosystem300();
            if (Directory.Exists(parse.GetRequiredValue(cordis)))
            {
                var cordisGraph = Network.Data.Formats.DataFolder.Read(parse.GetRequiredValue(cordis));
                var cordisNetwork = OrganisationProjection.Project(cordisGraph);
                CordisWhatIf(cordisGraph, cordisNetwork, parse.GetRequiredValue(whatIfId));
                CordisAnalysis(cordisNetwork, parse.GetValue(noReference) ? null : parse.GetRequiredValue(python), parse.GetValue(runs));
            }
            else
            {
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(parse.GetRequiredValue(cordis))} not found: CORDIS is not timed.[/]");
            }
            var script = FindScript();
            var table = new Table().AddColumns("n", "measurement", "ours (s)", "igraph (s)", "graph-tool (s)", "ours/igraph", "ours/graph-tool", "note");
            var warmed = false;
            var rows = new List<string>();
            foreach (var n in parse.GetRequiredValue(sizes).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                var graph = RandomGraphs.BarabasiAlbert(n, parse.GetValue(attach), 1);
                var samples = n > parse.GetValue(exactLimit) ? 500 : 0;
                if (!warmed)
                {
                    Measure(RandomGraphs.BarabasiAlbert(500, 3, 2), 0);
                    warmed = true;
                }
                var ours = Measure(graph, samples);
                JsonElement? reference = null;
                if (!parse.GetValue(noReference) && script is not null)
                    reference = RunReference(parse.GetRequiredValue(python), script, graph, samples.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture));

                string Ratio(double a, string key) => reference?.TryGetProperty(key, out var r) == true ? (a / r.GetDouble()).ToString("F2", CultureInfo.InvariantCulture) : "–";
                string Seconds(string key) => reference?.TryGetProperty(key, out var r) == true ? r.GetDouble().ToString("F3", CultureInfo.InvariantCulture) : "–";
                var kind = samples == 0 ? "betweenness (exact)" : $"betweenness ({samples} pivots)";
                table.AddRow($"{n:N0}", kind, ours.Betweenness.ToString("F3", CultureInfo.InvariantCulture), Seconds("igraph_betweenness"), Seconds("graphtool_betweenness"),
                    Ratio(ours.Betweenness, "igraph_betweenness"), Ratio(ours.Betweenness, "graphtool_betweenness"),
                    reference?.TryGetProperty("igraph_betweenness_note", out var note) == true ? $"{note.GetString()}; graph-tool {threads} threads" : $"ours and graph-tool {threads} threads, igraph 1");
                table.AddRow("", "PageRank", ours.PageRank.ToString("F3", CultureInfo.InvariantCulture), Seconds("igraph_pagerank"), Seconds("graphtool_pagerank"),
                    Ratio(ours.PageRank, "igraph_pagerank"), Ratio(ours.PageRank, "graphtool_pagerank"), "");
                string Q(string key) => reference?.TryGetProperty(key, out var q) == true ? q.GetDouble().ToString("F4", CultureInfo.InvariantCulture) : "–";
                table.AddRow("", "Leiden, 2 iterations (5 seeds)", ours.Leiden.ToString("F3", CultureInfo.InvariantCulture), Seconds("igraph_leiden"), "–",
                    Ratio(ours.Leiden, "igraph_leiden"), "–", $"mean Q ours {ours.Modularity.ToString("F4", CultureInfo.InvariantCulture)}, igraph {Q("igraph_leiden_modularity")}");
                table.AddRow("", "Leiden, until stable", ours.LeidenStable.ToString("F3", CultureInfo.InvariantCulture), Seconds("igraph_leiden_stable"), "–",
                    Ratio(ours.LeidenStable, "igraph_leiden_stable"), "–", $"Q ours {ours.StableModularity.ToString("F4", CultureInfo.InvariantCulture)}, igraph {Q("igraph_leiden_stable_modularity")} (ours: gain < 1e-4; igraph: n_iterations=-1)");
                if (samples == 0 && !parse.GetValue(noReference))
                    rows.Add(WholeProcesses(graph, parse.GetRequiredValue(python), parse.GetValue(runs)));
                var theirs = reference?.TryGetProperty("peak_mib", out var p) == true ? p.GetDouble().ToString("F0", CultureInfo.InvariantCulture) : "–";
                table.AddRow("", "peak memory (MiB)", (Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("F0", CultureInfo.InvariantCulture), theirs, "(same process)", "", "", "ours: whole bench process so far");
            }
            AnsiConsole.Write(table);
            foreach (var row in rows)
                AnsiConsole.MarkupLine(row);
            if (script is null)
                AnsiConsole.MarkupLine("[yellow]bench/reference_bench.py not found: reference tools not timed.[/]");
            // Last: the large what-ifs leave this process large, and a reference process started after them would start
            // with its peak memory (ru_maxrss survives fork and exec).
            if (Directory.Exists(parse.GetRequiredValue(cordis)))
                Growth(parse.GetRequiredValue(cordis), parse.GetRequiredValue(members));
            return Task.FromResult(0);
        }));
        return command;
    }

    private sealed record Timings(double Betweenness, double PageRank, double Leiden, double Modularity, double LeidenStable, double StableModularity);

    private static Timings Measure(WeightedGraph graph, int samples)
    {
        var betweenness = Best(() => ShortestPaths.Compute(graph, samples == 0 ? null : samples, seed: 1));
        var pagerank = Best(() => PageRank.Compute(graph, tolerance: 1e-10));
        // Two iterations, as igraph's default, so both do the same work; the fastest of five seeds, their mean modularity.
        var leidenRuns = Enumerable.Range(1, 5).Select(seed =>
        {
            var watch = Stopwatch.StartNew();
            var result = Leiden.Detect(graph, seed: seed, maxIterations: 2, minImprovement: 0);
            return (Seconds: watch.Elapsed.TotalSeconds, result.Modularity);
        }).ToList();
        CommunityResult? stable = null;
        var stableSeconds = Best(() => stable = Leiden.Detect(graph, seed: 1));
        return new Timings(betweenness, pagerank, leidenRuns.Min(r => r.Seconds), leidenRuns.Average(r => r.Modularity), stableSeconds, stable!.Modularity);
    }

    /// <summary>
    /// Exact betweenness as a newcomer meets it: whole processes reading the same GraphML file — this engine's
    /// <c>network analyze FILE --metrics betweenness</c> against igraph's (bench/betweenness_process.py) — timed from
    /// outside, start-up and file read included.
    /// </summary>
    private static string WholeProcesses(WeightedGraph graph, string python, int runs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"network-bench-{Environment.ProcessId}.graphml");
        try
        {
            using (var writer = new StreamWriter(file))
            {
                writer.WriteLine("""<?xml version="1.0" encoding="UTF-8"?>""");
                writer.WriteLine("""<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">""");
                for (var v = 0; v < graph.NodeCount; v++)
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""<node id="n{v}"/>"""));
                foreach (var (u, v, _) in graph.Edges())
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""<edge source="n{u}" target="n{v}"/>"""));
                writer.WriteLine("</graph></graphml>");
            }
            var script = FindScript("betweenness_process.py");
            var (ours, theirs, ratios) = (new List<double>(), new List<double>(), new List<double>());
            // Taken in turns, so a slower spell of the machine falls on both sides.
            for (var run = 0; run < Math.Max(1, runs); run++)
            {
                var o = TimedNetwork("analyze", file, "--metrics", "betweenness");
                var t = script is null ? null : Timed(python, script, file);
                if (o is { } a)
                    ours.Add(a);
                if (t is { } b)
                    theirs.Add(b);
                if (o is { } x && t is { } y)
                    ratios.Add(x / y);
                if (o is null || t is null)
                    break;
            }
            var ratio = ratios.Count > 0 ? $": ours / igraph {Spread(ratios)}" : "";
            return $"Whole processes, exact betweenness of the {graph.NodeCount:N0}-node graph read from the same GraphML file (start-up and reading included), {Math.Max(ours.Count, theirs.Count)} runs each: "
                + $"ours {Seconds(ours)}, igraph {Seconds(theirs)}{ratio}";
        }
        finally
        {
            File.Delete(file);
        }

        static string Seconds(List<double> s) => s.Count > 0 ? string.Join(", ", s.Select(v => v.ToString("F2", CultureInfo.InvariantCulture))) + " s" : "failed";
    }

    /// <summary>
    /// The product's own <c>network</c> command as a newcomer runs it (the build beside these tools, which reference it),
    /// with the same runtime host as this process: its wall-clock seconds, or null when it failed.
    /// </summary>
    private static double? TimedNetwork(params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "network.dll");
        return Timed(Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet", [cli, .. arguments]);
    }

    /// <summary>
    /// The cost of `network analyze` as the data grows: CORDIS, then generated ecosystems of the given member counts, each
    /// a whole process (reading the CSV files included) with its wall-clock time and peak resident memory, and the growth
    /// from one size to the next beside what the algorithms predict — exact betweenness O(n·m) up to 20,000
    /// organisations, above that the path-sampled estimate (a fixed number of paths) and the linear-time rest, O(m).
    /// </summary>
    private static void Growth(string cordis, string sizes)
    {
        var counts = sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        if (counts.Count == 0)
            return;
        var reference = Measured(cordis);
        var table = new Table().AddColumns("data", "organisations", "ties", "time (s)", "× CORDIS", "peak (MiB)", "growth in time", "predicted", "growth in memory", "predicted (m)");
        table.AddRow("CORDIS", $"{reference.Organisations:N0}", $"{reference.Ties:N0}", $"{reference.Seconds:F2}", "1", $"{reference.PeakMiB:F0}", "", "", "", "");
        Sample? previous = null;
        foreach (var n in counts)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"network-bench-{Environment.ProcessId}-{n}");
            try
            {
                if (TimedNetwork("generate", "--members", n.ToString(CultureInfo.InvariantCulture), "--out", folder) is null)
                    continue;
                var sample = Measured(folder);
                if (n >= 50_000)
                {
                    // What-if on the large network as the server answers it: of the best-connected organisation.
                    var graph = Network.Data.Formats.DataFolder.Read(folder);
                    var network = OrganisationProjection.Project(graph);
                    var hub = Enumerable.Range(0, network.Graph.NodeCount).MaxBy(network.Graph.Degree);
                    WhatIf($"{n:N0} members", graph, network, network.Graph.Ids[hub]);
                }
                string predicted = "", grown = "", grownMemory = "", predictedMemory = "";
                if (previous is { } p)
                {
                    grown = $"×{sample.Seconds / p.Seconds:F1}";
                    grownMemory = $"×{sample.PeakMiB / p.PeakMiB:F1}";
                    predictedMemory = $"×{(double)sample.Ties / p.Ties:F1}";
                    var exact = (Before: p.Organisations <= ExactLimit, After: sample.Organisations <= ExactLimit);
                    predicted = exact switch
                    {
                        (true, true) => $"×{(double)sample.Organisations * sample.Ties / ((double)p.Organisations * p.Ties):F1} (n·m)",
                        (false, false) => $"×{(double)sample.Ties / p.Ties:F1} (m)",
                        _ => "exact → estimated",
                    };
                }
                table.AddRow($"{n:N0} members", $"{sample.Organisations:N0}", $"{sample.Ties:N0}", $"{sample.Seconds:F2}", $"{sample.Seconds / reference.Seconds:F1}", $"{sample.PeakMiB:F0}", grown, predicted, grownMemory, predictedMemory);
                previous = sample;
            }
            finally
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
        }
        AnsiConsole.MarkupLine("[bold]network analyze FOLDER[/] as whole processes (reading the CSV files included; every metric; betweenness exact up to 20,000 organisations, above that within ±0.01):");
        AnsiConsole.Write(table);
    }

    private static readonly int ExactLimit = new AnalysisOptions().ExactLimit;

    private sealed record Sample(int Organisations, int Ties, double Seconds, double PeakMiB);

    /// <summary>`network analyze FOLDER` timed from outside, its peak resident memory read from /proc while it runs, its size from its first line.</summary>
    private static Sample Measured(string folder)
    {
        var info = new ProcessStartInfo(Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "network.dll"), "analyze", folder })
            info.ArgumentList.Add(argument);
        info.Environment["NO_COLOR"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        double peak = 0;
        while (!process.WaitForExit(20))
            peak = Math.Max(peak, PeakResident(process.Id));
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"network analyze {folder} failed: {error.Result.Trim()}");
        var size = System.Text.RegularExpressions.Regex.Match(output.Result, @"(\d+) nodes, (\d+) ties");
        return new Sample(int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture), seconds, peak / 1024);
    }

    /// <summary>VmHWM of a running process in KiB (0 when it has just ended or /proc is not there).</summary>
    private static double PeakResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A process's wall-clock seconds, or null when it failed.</summary>
    private static double? Timed(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var watch = Stopwatch.StartNew();
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            _ = output.Result;
            if (process.ExitCode == 0)
                return watch.Elapsed.TotalSeconds;
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(Path.GetFileName(program))} failed: {Markup.Escape(error.Trim().Split('\n').Last())}[/]");
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(program)} not found.[/]");
            return null;
        }
    }

    /// <summary>Best of three for sub-second work, one run otherwise (the reference script uses the same rule).</summary>
    private static double Best(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            if (watch.Elapsed.TotalSeconds >= 1)
                break;
        }
        return best;
    }

    /// <summary>The whole analysis of the synthetic 300-member ecosystem, as every edit triggers it: median of 20 after warm-up.</summary>
    private static void Ecosystem300()
    {
        var network = OrganisationProjection.Project(EcosystemGenerator.Generate(300, 42).Graph);
        var groups = network.Organisations.Select(o => o.Kind).ToList();
        var index = groups.Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var options = new AnalysisOptions { Groups = groups.Select(g => index[g]).ToArray() };
        NetworkAnalysis.Run(network.Graph, options);
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            NetworkAnalysis.Run(network.Graph, options);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        AnsiConsole.MarkupLine($"Full analysis of the synthetic 300-member ecosystem ({network.Graph.NodeCount} organisations, {network.Graph.EdgeCount} ties), all metrics: median {times[10]:F1} ms, min {times[0]:F1} ms");
    }

    /// <summary>
    /// One what-if on CORDIS (KU Leuven leaves) as the server answers it: today's side computed once per data version,
    /// then each what-if against it; its time and the memory it allocates.
    /// </summary>
    private static void CordisWhatIf(Network.Analysis.Domain.NetworkGraph graph, OrganisationNetwork network, string id) => WhatIf("CORDIS", graph, network, id);

    private static void WhatIf(string data, Network.Analysis.Domain.NetworkGraph graph, OrganisationNetwork network, string id)
    {
        var watch = Stopwatch.StartNew();
        var baseline = WhatIfBaseline.Of(graph, network);
        var today = watch.Elapsed.TotalSeconds;
        Fragility.WhatIf(baseline, id); // warm-up
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            var report = Fragility.WhatIf(baseline, id);
            times.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            _ = report;
        }
        times.Sort();
        AnsiConsole.MarkupLine($"What-if on {data} ({baseline.Before.Graph.NodeCount:N0} organisations, {baseline.Before.Graph.EdgeCount:N0} ties), {Markup.Escape(id)} leaves: "
            + $"[bold]median {times[1]:F2} s, {allocated / 1048576.0:F0} MiB allocated per what-if[/] (today's side once per data version: {today:F2} s)");
    }

    /// <summary>
    /// The whole analysis of the CORDIS projection (every metric, exact weighted betweenness), and betweenness alone,
    /// against igraph's weighted betweenness alone on the same ties in the same run (bench/cordis_reference.py).
    /// </summary>
    private static void CordisAnalysis(OrganisationNetwork network, string? python, int runs)
    {
        var graph = network.Graph;
        var script = FindScript("cordis_reference.py");
        var ratios = new List<double>();
        for (var run = 0; run < Math.Max(1, runs); run++)
        {
            var watch = Stopwatch.StartNew();
            NetworkAnalysis.Run(graph, new AnalysisOptions());
            var all = watch.Elapsed.TotalSeconds;
            watch.Restart();
            ShortestPaths.Compute(graph);
            var betweenness = watch.Elapsed.TotalSeconds;
            double? igraph = null;
            if (python is not null && script is not null)
                igraph = RunReference(python, script, graph) is { } r && r.TryGetProperty("igraph_weighted_betweenness", out var s) ? s.GetDouble() : null;
            if (igraph is { } i)
                ratios.Add(all / i);
            var against = igraph is { } g ? $"; igraph's weighted betweenness alone {g:F2} s: [bold]all ours / igraph {all / g:F2}[/], betweenness {betweenness / g:F2}" : "";
            AnsiConsole.MarkupLine($"CORDIS analysis, run {run + 1} ({graph.NodeCount:N0} organisations, {graph.EdgeCount:N0} weighted ties): every metric {all:F2} s, exact weighted betweenness (with closeness and harmonic) {betweenness:F2} s{against}");
            if (python is null || script is null)
                break;
        }
        if (ratios.Count > 1)
            AnsiConsole.MarkupLine($"CORDIS every metric / igraph's weighted betweenness over {ratios.Count} runs: {Spread(ratios)}");
    }

    /// <summary>"[bold]median 0.11[/] (0.10–0.12: 0.10, 0.11, …)": the ratios of repeated runs, in the order run.</summary>
    private static string Spread(IReadOnlyList<double> ratios)
    {
        var sorted = ratios.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"[bold]median {median:F2}[/], spread {sorted[0]:F2}–{sorted[^1]:F2} (each run: {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})");
    }

    internal static JsonElement? RunReference(string python, string script, WeightedGraph graph, params string[] arguments)
    {
        var edges = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(edges, graph.Edges().Select(e => FormattableString.Invariant($"{e.U} {e.V} {e.Weight}")));
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { script, edges }.Concat(arguments))
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                AnsiConsole.MarkupLine($"[yellow]reference tools failed: {Markup.Escape(error.Trim().Split('\n').Last())}[/]");
                return null;
            }
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(python)} not found: reference tools not timed.[/]");
            return null;
        }
        finally
        {
            File.Delete(edges);
        }
    }

    internal static string? FindScript(string name = "reference_bench.py")
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
