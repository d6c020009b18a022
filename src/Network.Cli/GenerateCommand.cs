using System.CommandLine;
using Network.Analysis.Synthetic;
using Network.Data.Formats;

namespace Network.Cli;

public static class GenerateCommand
{
    public static Command Create()
    {
        var members = new Option<int>("--members") { Description = "Number of member organisations.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same ecosystem.", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the CSV files to.", Required = true };
        var command = new Command("generate", "Write a synthetic ecosystem (marked synthetic) in the CSV format of data/seed.") { members, seed, output };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var n = parse.GetValue(members);
            if (n < 30)
                throw new InvalidDataException($"--members must be at least 30, not {n}.");
            var generated = EcosystemGenerator.Generate(n, parse.GetValue(seed));
            var folder = parse.GetRequiredValue(output).FullName;
            CsvBundle.Write(generated.Graph, folder);
            CliErrors.Done($"Wrote {generated.Graph.Nodes.Count} nodes and {generated.Graph.Relationships.Count} relationships (synthetic) to {folder}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
