using System.CommandLine;
using System.Globalization;
using Network.Analysis.Resolution;
using Network.Data.Formats;
using Spectre.Console;
using Network.Cli;

namespace Network.Tools;

/// <summary>
/// Scores the labelled pairs of tests/reference/merges/pairs.tsv with the merge suggester, on the shipped data read
/// together (seed, CORDIS, twin towns), and prints precision and recall at the suggestion threshold and around it.
/// </summary>
public static class MergesEvalCommand
{
    public static Command Create()
    {
        var pairs = new Option<FileInfo>("--pairs") { Description = "The labelled pairs.", DefaultValueFactory = _ => new FileInfo("tests/reference/merges/pairs.tsv") };
        var data = new Option<DirectoryInfo>("--data") { Description = "The folder holding seed, cordis-h2020-leuven and sister-cities.", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var command = new Command("merges-eval", "Precision and recall of the merge suggestions on labelled pairs from the shipped data.") { pairs, data };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var file = parse.GetRequiredValue(pairs).FullName;
            var graph = DataFolder.ReadShipped(parse.GetRequiredValue(data).FullName);
            Report("the labelled pairs", Read(file), graph);
            // Pairs the suggester proposed once its rules were written, labelled afterwards: not used to write them.
            var heldOut = Path.Combine(Path.GetDirectoryName(file)!, "held-out.tsv");
            if (File.Exists(heldOut))
                Report("held out (suggested after the rules were set, then labelled)", Read(heldOut), graph);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Report(string what, IReadOnlyList<LabelledPair> labelled, Network.Analysis.Domain.NetworkGraph graph)
    {
        {
            var outcomes = MergeEvaluation.Evaluate(graph, labelled, [0.6, 0.7, EntityResolution.Threshold, 0.9]);
            AnsiConsole.MarkupLine($"[bold]Merge suggestions[/], {Markup.Escape(what)}: {labelled.Count} pairs ({labelled.Count(p => p.Same)} the same, {labelled.Count(p => !p.Same)} different)");
            var table = new Table().AddColumns("threshold", "suggested", "right", "wrong", "missed", "precision", "recall");
            foreach (var o in outcomes)
            {
                var mark = o.Threshold == EntityResolution.Threshold ? " (the suggestion threshold)" : "";
                table.AddRow($"{o.Threshold:F2}{mark}", $"{o.TruePositives + o.FalsePositives}", $"{o.TruePositives}", $"{o.FalsePositives}", $"{o.FalseNegatives}",
                    o.Precision.ToString("F3", CultureInfo.InvariantCulture), o.Recall.ToString("F3", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            var at = outcomes.Single(o => o.Threshold == EntityResolution.Threshold);
            foreach (var alarm in at.FalseAlarms)
                AnsiConsole.MarkupLine($"  suggested but different: {Markup.Escape(alarm)}");
            foreach (var miss in at.Misses)
                AnsiConsole.MarkupLine($"  the same but not suggested: {Markup.Escape(miss)}");
        }
    }

    public static IReadOnlyList<LabelledPair> Read(string path) => MergeEvaluation.Parse(File.ReadLines(path), path);
}
