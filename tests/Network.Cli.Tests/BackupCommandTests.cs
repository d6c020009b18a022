using Network.Data.Storage;

namespace Network.Cli.Tests;

/// <summary>The restore drill, as an operator runs it: back up, lose a store, restore it, find every record again.</summary>
public sealed class BackupCommandTests
{
    [Fact]
    public async Task AStoreDeletedIsRestoredFromTheBackupWithEveryRecord()
    {
        var root = Path.Combine(Path.GetTempPath(), "network-backup-tests", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "App_Data");
        Directory.CreateDirectory(data);
        var store = Path.Combine(data, "seed.db");
        var imported = await Cli.RunAsync("import", "data/seed", "--db", store);
        Assert.True(imported.ExitCode == 0, imported.Error);
        File.WriteAllText(Path.Combine(data, "datasets.json"), """[{"name":"seed","title":"Seed","synthetic":false,"origin":"data/seed"}]""");
        int Count()
        {
            using var opened = new SqliteNetworkStore(store, create: false);
            return opened.LoadGraphAsync().GetAwaiter().GetResult().Nodes.Count;
        }
        var before = Count();

        var backup = await Cli.RunAsync("backup", Path.Combine(root, "backup"), "--data", data);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("backed up seed.db", backup.Output);
        Assert.True(File.Exists(Path.Combine(root, "backup", "datasets.json")));
        // A second backup into the same folder is refused rather than mixed with the first.
        Assert.NotEqual(0, (await Cli.RunAsync("backup", Path.Combine(root, "backup"), "--data", data)).ExitCode);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(store);
        Assert.Throws<GraphDatabaseUnavailableException>(() => new SqliteNetworkStore(store, create: false));

        var restored = await Cli.RunAsync("restore", Path.Combine(root, "backup"), "--data", data, "--dataset", "seed");
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Equal(before, Count());
        var missing = await Cli.RunAsync("restore", Path.Combine(root, "backup"), "--data", data, "--dataset", "nope");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no store for dataset 'nope'", missing.Error);
    }
}
