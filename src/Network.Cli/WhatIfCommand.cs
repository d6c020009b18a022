using System.CommandLine;
using Network.Analysis;
using Network.Analysis.Insights;
using Network.Analysis.Text;
using Network.Data.Formats;
using Spectre.Console;

namespace Network.Cli;

public static class WhatIfCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder in the CSV format of data/seed." };
        var id = new Argument<string>("id") { Description = "The organisation, person, agreement or event that leaves." };
        var command = new Command("whatif", "What breaks if one organisation, person or agreement leaves.") { folder, id };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var source = parse.GetRequiredValue(folder);
            if (!source.Exists)
                throw new DirectoryNotFoundException($"No folder '{source.FullName}'.");
            var graph = DataFolder.Read(source.FullName);
            WhatIfReport report;
            // The same analysis the server keeps, so the values before are the metrics' (exact where the server's are).
            using var snapshot = new AnalysisSnapshot(graph, null, 42);
            try
            {
                report = snapshot.WhatIf(parse.GetRequiredValue(id));
            }
            catch (KeyNotFoundException e)
            {
                throw new InvalidDataException(e.Message);
            }
            string Esc(string s) => Markup.Escape(s);
            AnsiConsole.MarkupLine($"[bold]Without {Esc(report.RemovedName)}[/] ({report.RemovedLabel.ToLowerInvariant()}), in the {BrokerNetworks.Organisations}:");
            AnsiConsole.MarkupLine($"  organisation pairs that lose every path: {Numbers.Count(report.DisconnectedPairs)}");
            AnsiConsole.MarkupLine($"  cut off from their group: {(report.CutOff.Count == 0 ? "none" : Esc(string.Join(", ", report.CutOff)))}");
            AnsiConsole.MarkupLine($"  left without any tie: {(report.Isolated.Count == 0 ? "none" : Esc(string.Join(", ", report.Isolated)))}");
            foreach (var severed in report.Severed)
                AnsiConsole.MarkupLine($"  {Esc(severed.Attribute)} {Esc(severed.From)} and {Esc(severed.To)} are no longer connected");
            AnsiConsole.MarkupLine($"  global efficiency: {Numbers.Format("global-efficiency", report.EfficiencyBefore)} → {Numbers.Format("global-efficiency", report.EfficiencyAfter)}");
            if (report.LongerPaths >= 0)
                AnsiConsole.MarkupLine($"  pairs whose shortest path grew: {Numbers.Count(report.LongerPaths)}");
            foreach (var broker in report.TakeOver)
                AnsiConsole.MarkupLine($"  takes over: {Esc(broker.Name)} (betweenness {Numbers.Format("betweenness", broker.Before)} → {Numbers.Format("betweenness", broker.After)})");
            if (report.EmptiedSectors.Count > 0)
                AnsiConsole.MarkupLine($"  nobody left in: {Esc(string.Join(", ", report.EmptiedSectors))}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
