using System.CommandLine;
using Network.Api.Formats;
using Network.Api.Storage;
using Spectre.Console;

namespace Network.Cli;

public static class ImportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder in the CSV format of data/seed." };
        var database = new Option<FileInfo>("--db") { Description = "The SQLite database file to write to (created if missing).", DefaultValueFactory = _ => new FileInfo("network.db") };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report what would be written; write nothing." };
        var command = new Command("import", "Import a folder of CSV files into the embedded store, all or nothing.") { folder, database, dryRun };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var source = parse.GetRequiredValue(folder);
            if (!source.Exists)
                throw new DirectoryNotFoundException($"No folder '{source.FullName}'.");
            var graph = CsvBundle.Read(source.FullName);
            if (parse.GetValue(dryRun))
            {
                CliErrors.Done($"Dry run: {graph.Nodes.Count} nodes and {graph.Relationships.Count} relationships are valid; nothing written.");
                return 0;
            }
            var path = parse.GetRequiredValue(database).FullName;
            AnsiConsole.MarkupLine($"Importing {graph.Nodes.Count} nodes and {graph.Relationships.Count} relationships into {Markup.Escape(path)} …");
            using var store = new SqliteNetworkStore(path);
            var result = await store.WriteAsync(GraphBatch.Of(graph), cancellationToken);
            CliErrors.Done($"Imported {result.NodesWritten} nodes and {result.RelationshipsWritten} relationships; data version {result.Version}.");
            return 0;
        }));
        return command;
    }
}
