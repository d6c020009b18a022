using System.CommandLine;
using System.Diagnostics;
using Network.Analysis.Community;
using Network.Analysis.Graphs;
using Network.Analysis.Layout;
using Network.Analysis.Projection;
using Network.Analysis.Synthetic;
using Network.Data.Formats;
using Spectre.Console;
using Network.Cli;

namespace Network.Tools;

/// <summary>
/// Times the explorer's layout (<see cref="MultilevelLayout"/>) against graph-tool's sfdp_layout on the same graphs in the
/// same run — the synthetic 300-member ecosystem, the CORDIS projection and generated ecosystems of 10,000 and 50,000 members — with the
/// ratio of the median tie length to the median distance between random pairs (lower is better) for both.
/// </summary>
public static class LayoutBenchCommand
{
    public static Command Create()
    {
        var python = new Option<string>("--python") { Description = "Python with graph-tool.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var cordis = new Option<DirectoryInfo?>("--cordis") { Description = "The CORDIS data folder (default: data/cordis-h2020-leuven, found upwards)." };
        var noReference = new Option<bool>("--no-reference") { Description = "Time this engine only." };
        var members = new Option<string>("--members") { Description = "Comma-separated sizes of generated ecosystems laid out after CORDIS (empty: none).", DefaultValueFactory = _ => "10000,50000" };
        var command = new Command("bench-layout", "Benchmark the explorer's layout against graph-tool's sfdp: time and tie-length ratio.") { python, cordis, noReference, members };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var graphs = new List<(string Name, WeightedGraph Graph)>
            {
                ("synthetic 300-member ecosystem", OrganisationProjection.Project(EcosystemGenerator.Generate(300, 42).Graph).Graph),
            };
            var folder = parse.GetValue(cordis)?.FullName ?? ShippedData.Find(null, Environment.CurrentDirectory, AppContext.BaseDirectory).Folder("cordis-h2020-leuven");
            if (folder is not null)
                graphs.Add(("CORDIS H2020 around Leuven", ActorNetwork.Build(DataFolder.Read(folder)).Organisations.Graph));
            foreach (var size in parse.GetRequiredValue(members).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)))
                graphs.Add(($"synthetic {size:N0}-member ecosystem", OrganisationProjection.Project(EcosystemGenerator.Generate(size, 42).Graph).Graph));
            var script = BenchCommand.FindScript("layout_reference.py");
            AnsiConsole.MarkupLine($"[bold]Layout[/] on {Environment.ProcessorCount} cores; ratio = median tie length / median distance of random pairs (lower is better)");
            foreach (var (name, graph) in graphs)
            {
                var groups = Leiden.Detect(graph, seed: 42).Community;
                MultilevelLayout.Compute(graph, new LayoutOptions { Groups = groups });
                var watch = Stopwatch.StartNew();
                var positions = MultilevelLayout.Compute(graph, new LayoutOptions { Groups = groups });
                var seconds = watch.Elapsed.TotalSeconds;
                var ratio = MultilevelLayout.TieLengthRatio(graph, positions);
                var line = $"  {name} ({graph.NodeCount:N0} nodes, {graph.EdgeCount:N0} ties): this engine {seconds:F2} s, ratio {ratio:F3}";
                if (!parse.GetValue(noReference) && script is not null
                    && BenchCommand.RunReference(parse.GetRequiredValue(python), script, graph) is { } reference)
                {
                    var sfdp = reference.GetProperty("sfdp_seconds").GetDouble();
                    line += $"; graph-tool sfdp {sfdp:F2} s, ratio {reference.GetProperty("sfdp_ratio").GetDouble():F3} — time {seconds / sfdp:F2}× sfdp";
                }
                AnsiConsole.MarkupLine(Markup.Escape(line));
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
