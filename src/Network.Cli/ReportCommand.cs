using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Network.Analysis.Insights;
using Network.Data.Formats;
using Network.Data.Reports;
using Spectre.Console;

namespace Network.Cli;

public static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder in the CSV format of data/seed." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the Markdown report here (default: print it)." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report here." };
        var title = new Option<string?>("--title") { Description = "Report title (default: the folder name)." };
        var home = new Option<string?>("--home-region") { Description = "Comma-separated cities, regions or countries of the home region (default: the region most members are in)." };
        var asOf = new Option<string?>("--as-of") { Description = "Report as of this date (yyyy-mm-dd)." };
        var compare = new Option<string?>("--compare") { Description = "Compare with this earlier date (yyyy-mm-dd)." };
        var seed = new Option<int>("--seed") { Description = "Seed for communities and sampling.", DefaultValueFactory = _ => 42 };
        var command = new Command("report", "Write a board report: brokers, single points of failure, value-chain gaps and introductions.")
        {
            folder, output, html, title, home, asOf, compare, seed,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var source = parse.GetRequiredValue(folder);
            if (!source.Exists)
                throw new DirectoryNotFoundException($"No folder '{source.FullName}'.");
            var watch = Stopwatch.StartNew();
            var graph = DataFolder.Read(source.FullName);
            var report = EcosystemReports.Build(graph, new ReportOptions
            {
                Title = parse.GetValue(title) ?? $"Ecosystem report: {source.Name}",
                HomeRegion = parse.GetValue(home)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                AsOf = CliErrors.Date(parse.GetValue(asOf), "--as-of"),
                CompareWith = CliErrors.Date(parse.GetValue(compare), "--compare"),
                Today = DateOnly.FromDateTime(DateTime.UtcNow),
                Seed = parse.GetValue(seed),
            });
            var markdown = ReportWriter.Markdown(report);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, markdown);
                CliErrors.Done($"Wrote {file.FullName}");
            }
            else
            {
                Console.Write(markdown);
            }
            if (parse.GetValue(html) is { } page)
            {
                File.WriteAllText(page.FullName, ReportWriter.Html(report));
                CliErrors.Done($"Wrote {page.FullName}");
            }
            AnsiConsole.MarkupLine($"[grey]report computed in {watch.Elapsed.TotalMilliseconds:F0} ms[/]");
            return Task.FromResult(0);
        }));
        return command;
    }
}
