using System.CommandLine;
using Microsoft.Data.Sqlite;

namespace Network.Cli;

/// <summary>
/// For a server's operator: network backup copies every database of a data folder (each dataset's store and users.db)
/// with SQLite's online backup API — consistent even while the server writes — and the server's state documents
/// (datasets.json, saved mappings, pins); network restore puts one dataset's store, or everything, back.
/// </summary>
public static class BackupCommand
{
    private static Option<DirectoryInfo> DataOption() =>
        new("--data") { Description = "The server's data folder.", DefaultValueFactory = _ => new DirectoryInfo("src/Network.Web/App_Data") };

    public static Command Backup()
    {
        var data = DataOption();
        var to = new Argument<DirectoryInfo>("folder") { Description = "Where the backup goes (created; must be empty)." };
        var command = new Command("backup", "Copy the server's databases (online, consistent) and state documents into a folder.") { to, data };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var source = Existing(parse.GetRequiredValue(data));
            var target = parse.GetRequiredValue(to);
            if (target.Exists && target.EnumerateFileSystemInfos().Any())
                throw new ArgumentException($"'{target.FullName}' is not empty; back up into a new folder.");
            target.Create();
            foreach (var database in source.GetFiles("*.db"))
            {
                using var from = Open(database.FullName, SqliteOpenMode.ReadOnly);
                using var into = Open(Path.Combine(target.FullName, database.Name), SqliteOpenMode.ReadWriteCreate);
                from.BackupDatabase(into);
                Console.WriteLine($"backed up {database.Name}");
            }
            CopyDocuments(source, target, overwrite: false);
            Console.WriteLine($"Backup of {source.FullName} written to {target.FullName}.");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Restore()
    {
        var data = DataOption();
        var from = new Argument<DirectoryInfo>("folder") { Description = "A folder written by network backup." };
        var dataset = new Option<string?>("--dataset") { Description = "Restore only this dataset's store (default: every database and document)." };
        var command = new Command("restore", "Put a backup back into the server's data folder; stop the server first.") { from, data, dataset };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var backup = Existing(parse.GetRequiredValue(from));
            var target = parse.GetRequiredValue(data);
            target.Create();
            var only = parse.GetValue(dataset);
            var databases = only is null ? backup.GetFiles("*.db") : [new FileInfo(Path.Combine(backup.FullName, only + ".db"))];
            foreach (var database in databases)
            {
                if (!database.Exists)
                    throw new FileNotFoundException($"The backup has no store for dataset '{only}' ({database.Name}).");
                var path = Path.Combine(target.FullName, database.Name);
                // The journal of the file it replaces belongs to that file, not to the backup.
                foreach (var leftover in new[] { path + "-wal", path + "-shm" })
                    File.Delete(leftover);
                using (var source = Open(database.FullName, SqliteOpenMode.ReadOnly))
                using (var into = Open(path, SqliteOpenMode.ReadWriteCreate))
                    source.BackupDatabase(into);
                Console.WriteLine($"restored {database.Name}");
            }
            if (only is null)
                CopyDocuments(backup, target, overwrite: true);
            SqliteConnection.ClearAllPools();
            Console.WriteLine($"Restored into {target.FullName}. Start the server again.");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The server's state documents (datasets.json, saved mappings, pins), keeping their folders.</summary>
    private static void CopyDocuments(DirectoryInfo from, DirectoryInfo to, bool overwrite)
    {
        foreach (var document in from.GetFiles("*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to.FullName, Path.GetRelativePath(from.FullName, document.FullName));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            document.CopyTo(target, overwrite);
        }
    }

    private static DirectoryInfo Existing(DirectoryInfo folder) =>
        folder.Exists ? folder : throw new DirectoryNotFoundException($"No folder '{folder.FullName}'.");

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
