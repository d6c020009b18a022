using System.CommandLine;
using Network.Analysis.Domain;
using Network.Data.Formats;
using Network.Data.Imports;
using Network.Data.Mapping;
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
            var given = mappingPath is null ? null : MappingFile.Load(mappingPath);
            async Task<WriteResult> Write(SqliteNetworkStore store, GraphBatch batch, CancellationToken ct)
            {
                AnsiConsole.MarkupLine($"Importing {batch.Nodes.Count} nodes and {batch.Relationships.Count} relationships into {Markup.Escape(path)} …");
                // How far the write is — its first thousand records, then about every tenth — said while the transaction
                // runs (nothing is kept until it commits).
                var total = batch.Nodes.Count + batch.Relationships.Count;
                var step = Math.Max(GraphBatch.ProgressEvery, total / 10 / GraphBatch.ProgressEvery * GraphBatch.ProgressEvery);
                var said = 0;
                var progress = new Reported<int>(written =>
                {
                    if (said > 0 && written - said < step && written < total)
                        return;
                    said = written;
                    AnsiConsole.MarkupLine($"  written {written:N0} of {total:N0} (kept once all are written)");
                });
                // The history entry the server's writer makes too: the records it touches (before and after, for a small
                // import), so that the record pages' history and a revert see what the command wrote.
                var note = await History.NoteAsync(store, batch, Environment.UserName, "import", $"imported from {source.FullName} with network import", ct);
                return await store.WriteAsync(batch with { Change = note, Progress = progress }, ct);
            }
            ImportOutcome outcome;
            if (File.Exists(path))
            {
                using var store = new SqliteNetworkStore(path);
                outcome = await Importer.RunAsync(store, source.FullName, given, dry, (batch, ct) => Write(store, batch, ct), cancellationToken);
            }
            else
            {
                // No database yet: read first, so a folder with errors (or a dry run) never creates one.
                var contents = Importer.Read(source.FullName, Importer.MappingOf(source.FullName, given), NetworkGraph.Empty);
                if (contents.Errors.Count > 0)
                    throw new ValidationFailedException(CsvBundle.Locate(contents.Errors, contents.Locations).Distinct().ToList());
                if (dry)
                {
                    CliErrors.Done($"Dry run: {contents.Graph.Nodes.Count} nodes and {contents.Graph.Relationships.Count} relationships are valid; nothing written.");
                    return 0;
                }
                using var store = new SqliteNetworkStore(path);
                outcome = await Importer.ApplyAsync(store, contents, NetworkGraph.Empty, false, (batch, ct) => Write(store, batch, ct), cancellationToken);
            }
            if (!outcome.Valid)
                throw new ValidationFailedException(outcome.Errors);
            CliErrors.Done(dry
                ? $"Dry run: {outcome.Graph.Nodes.Count} nodes and {outcome.Graph.Relationships.Count} relationships are valid ({outcome.Existing} exist already); nothing written."
                : $"Imported {outcome.Written!.NodesWritten} nodes and {outcome.Written.RelationshipsWritten} relationships; data version {outcome.Written.Version}.");
            return 0;
        }, writes: true));
        return command;
    }
}
