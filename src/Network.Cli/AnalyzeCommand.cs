using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Network.Analysis;
using Network.Analysis.Text;
using Network.Data.Formats;
using Spectre.Console;

namespace Network.Cli;

public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A .graphml or .gexf file, or a folder in the CSV format of data/seed (analysed as its organisation network)." };
        var weight = new Option<string?>("--weight") { Description = "Edge attribute with tie strengths (default: 'weight' when present, else 1)." };
        var group = new Option<string?>("--group") { Description = "Node attribute whose values are the groups for brokerage roles (for CSV folders: kind, city, region, country, sector, member)." };
        var metrics = new Option<string?>("--metrics") { Description = $"Comma-separated metrics (default all): {string.Join(",", Metrics.All)}." };
        var seed = new Option<int>("--seed") { Description = "Seed for community detection and sampling.", DefaultValueFactory = _ => 42 };
        var json = new Option<FileInfo?>("--json") { Description = "Write every value per node to this JSON file." };
        var communities = new Option<string>("--communities") { Description = "leiden, louvain or label-propagation.", DefaultValueFactory = _ => "leiden" };
        var resolution = new Option<double>("--resolution") { Description = "Modularity resolution γ.", DefaultValueFactory = _ => 1.0 };
        var asOf = new Option<string?>("--as-of") { Description = "For CSV folders: only agreements, affiliations and events in force on this date (yyyy-mm-dd)." };
        var top = new Option<int>("--top") { Description = "How many brokers to list.", DefaultValueFactory = _ => 10 };
        var command = new Command("analyze", "Compute centrality, brokerage, structural holes and communities of a network.")
        {
            file, weight, group, metrics, seed, json, communities, resolution, asOf, top,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            var date = CliErrors.Date(parse.GetValue(asOf), "--as-of");
            var input = GraphFiles.Read(parse.GetRequiredValue(file), parse.GetValue(weight), date);
            var groupAttribute = parse.GetValue(group);
            var options = new AnalysisOptions
            {
                Metrics = Metrics.Parse(parse.GetValue(metrics)),
                Groups = groupAttribute is null ? null : input.Groups(groupAttribute),
                Seed = parse.GetValue(seed),
                CommunityAlgorithm = parse.GetRequiredValue(communities),
                Resolution = parse.GetValue(resolution),
            };
            var readTime = watch.Elapsed;
            var result = NetworkAnalysis.Run(input.Graph, options);
            var analyseTime = watch.Elapsed - readTime;

            if (parse.GetValue(json) is { } output)
            {
                using var stream = output.Create();
                AnalysisJson.Write(stream, result);
            }
            Summarise(input, result, groupAttribute, parse.GetValue(top), readTime, analyseTime, parse.GetValue(json));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Summarise(GraphFile input, AnalysisResult result, string? group, int top, TimeSpan readTime, TimeSpan analyseTime, FileInfo? json)
    {
        var graph = result.Graph;
        var components = result.Components.Distinct().Count();
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(input.Path.TrimEnd('/')))}[/] ({input.Format}): {graph.NodeCount} nodes, {graph.EdgeCount} ties, {components} component{(components == 1 ? "" : "s")}{(graph.IsUnweighted ? ", unweighted" : ", weighted")}");

        if (result.Betweenness is { } betweenness)
        {
            var table = new Table().Title($"Top brokers by betweenness in the {input.Network}");
            if (result.BetweennessMargin is { } margin)
                table.Caption($"Betweenness {Markup.Escape(margin.Describe())}");
            table.AddColumns("#", "node", "betweenness", "constraint", "eff. size", "degree");
            if (result.Brokerage is not null)
                table.AddColumn($"brokered pairs across {Markup.Escape(group!)}");
            var ranked = Enumerable.Range(0, graph.NodeCount).OrderByDescending(v => betweenness[v]).ThenBy(v => graph.Ids[v], StringComparer.Ordinal).Take(top);
            var rank = 0;
            foreach (var v in ranked)
            {
                var cells = new List<string>
                {
                    (++rank).ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(input.Name(v)),
                    Numbers.Format("betweenness", betweenness[v]),
                    Numbers.Format("constraint", result.StructuralHoles?.Constraint[v]),
                    Numbers.Format("effective-size", result.StructuralHoles?.EffectiveSize[v]),
                    graph.Degree(v).ToString(CultureInfo.InvariantCulture),
                };
                if (result.Brokerage is { } roles)
                    cells.Add((roles[v].Total - roles[v].Coordinator).ToString(CultureInfo.InvariantCulture));
                table.AddRow(cells.ToArray());
            }
            AnsiConsole.Write(table);
        }

        if (result.Communities is { } communities)
        {
            var sizes = communities.Community.GroupBy(c => c).Select(g => g.Count()).OrderDescending().ToList();
            AnsiConsole.MarkupLine($"Communities ({communities.Algorithm}): {communities.Count}, modularity {communities.Modularity.ToString("F4", CultureInfo.InvariantCulture)}; largest: {string.Join(", ", sizes.Take(8))}{(sizes.Count > 8 ? ", …" : "")}");
        }
        var points = result.ArticulationPoints.Select(input.Name).Take(8).Select(Markup.Escape).ToList();
        AnsiConsole.MarkupLine($"Articulation points: {result.ArticulationPoints.Length}{(points.Count > 0 ? " — " + string.Join(", ", points) + (result.ArticulationPoints.Length > 8 ? ", …" : "") : "")}; bridges: {result.Bridges.Length}");
        AnsiConsole.MarkupLine($"[grey]read {readTime.TotalMilliseconds:F0} ms, analysed {analyseTime.TotalMilliseconds:F0} ms{(json is null ? "" : $"; wrote {Markup.Escape(json.FullName)}")}[/]");
    }
}
