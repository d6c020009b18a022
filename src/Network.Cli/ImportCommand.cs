using System.CommandLine;
using Network.Analysis.Domain;
using Network.Data.Formats;
using Network.Data.Storage;
using Spectre.Console;

namespace Network.Cli;

public static class ImportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder of CSV files: with a mapping (--mapping or the folder's mapping.json), or in the format of data/seed." };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "A mapping file (JSON) saying which file and column is what; default: the folder's mapping.json." };
        var database = new Option<FileInfo>("--db") { Description = "The SQLite database file to write to (created if missing).", DefaultValueFactory = _ => new FileInfo("network.db") };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report what would be written; write nothing." };
        var command = new Command("import", "Import a folder of CSV files into the embedded store, all or nothing.") { folder, mapping, database, dryRun };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var source = parse.GetRequiredValue(folder);
            if (!source.Exists)
                throw new DirectoryNotFoundException($"No folder '{source.FullName}'.");
            var path = parse.GetRequiredValue(database).FullName;
            var mappingPath = parse.GetValue(mapping)?.FullName;
            if (mappingPath is not null && !File.Exists(mappingPath))
                throw new FileNotFoundException($"No mapping file '{mappingPath}'.");
            var dry = parse.GetValue(dryRun);
            // A mapping matches the target's cities, so the existing database is read first (a dry run never creates one);
            // the data/seed format needs nothing from it.
            NetworkGraph? existing = null;
            if (File.Exists(path) && DataFolder.MappingPath(source.FullName, mappingPath) is not null)
            {
                using var current = new SqliteNetworkStore(path);
                existing = await current.LoadGraphAsync(cancellationToken);
            }
            var graph = DataFolder.Read(source.FullName, mappingPath, existing);
            if (dry)
            {
                CliErrors.Done($"Dry run: {graph.Nodes.Count} nodes and {graph.Relationships.Count} relationships are valid; nothing written.");
                return 0;
            }
            AnsiConsole.MarkupLine($"Importing {graph.Nodes.Count} nodes and {graph.Relationships.Count} relationships into {Markup.Escape(path)} …");
            using var store = new SqliteNetworkStore(path);
            var result = await store.WriteAsync(GraphBatch.Of(graph), cancellationToken);
            CliErrors.Done($"Imported {result.NodesWritten} nodes and {result.RelationshipsWritten} relationships; data version {result.Version}.");
            return 0;
        }, writes: true));
        return command;
    }
}
