using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Network.Cli.Tests;

public class ImportCommandTests
{
    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task TheSeedFolderImportsCompletely()
    {
        var database = Path.Combine(Cli.NewTemporaryFolder(), "seed.db");
        var outcome = await Cli.RunAsync("import", "data/seed", "--db", database);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("Imported 105 nodes and 167 relationships", outcome.Output);
        Assert.Equal(105, Count(database, "SELECT COUNT(*) FROM nodes"));
    }

    [Fact]
    public async Task AnImportIsInTheHistoryAsTheServersWriterRecordsIt()
    {
        // A small folder: the entry lists each record before and after, so a record's history and a revert see it.
        var folder = Cli.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(folder, "organisations.csv"), "id,name,kind,source\norg-a,Alpha Labs,company,test\norg-b,Beta Fund,investor,test\n");
        var database = Path.Combine(folder, "small.db");
        var outcome = await Cli.RunAsync("import", folder, "--db", database);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var store = new Network.Data.Storage.SqliteNetworkStore(database);
        var entry = Assert.Single(await store.GetChangesAsync(new Network.Data.Storage.ChangeQuery(Node: "org-b")));
        Assert.Equal("import", entry.Via);
        Assert.StartsWith("imported from ", entry.Summary, StringComparison.Ordinal);
        Assert.Contains(entry.Items, i => i.Id == "org-b" && i.Before is null && i.After!.Contains("Beta Fund", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADryRunChecksEverythingAndWritesNothing()
    {
        var database = Path.Combine(Cli.NewTemporaryFolder(), "dry.db");
        var outcome = await Cli.RunAsync("import", "data/seed", "--db", database, "--dry-run");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("nothing written", outcome.Output);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task ABadRowFailsWithFileRowAndFieldAndWritesNothing()
    {
        var folder = Cli.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(folder, "organisations.csv"), "id,name,kind,source\na,Alpha,company,t\nb,Beta,unicorn,t\n");
        var database = Path.Combine(folder, "bad.db");

        var outcome = await Cli.RunAsync("import", folder, "--db", database);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("organisations.csv row 3", outcome.Error);
        Assert.Contains("field 'kind'", outcome.Error);
        Assert.Contains("nothing was written", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task AMissingFolderIsOneClearLine()
    {
        var outcome = await Cli.RunAsync("import", "no/such/folder");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.Contains("no/such/folder", outcome.Error);
    }

    [Fact]
    public async Task GenerateWritesADeterministicSyntheticBundleThatImports()
    {
        var first = Path.Combine(Cli.NewTemporaryFolder(), "a");
        var second = Path.Combine(Cli.NewTemporaryFolder(), "b");
        Assert.Equal(0, (await Cli.RunAsync("generate", "--members", "60", "--seed", "7", "--out", first)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("generate", "--members", "60", "--seed", "7", "--out", second)).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(first, "relationships.csv")), File.ReadAllText(Path.Combine(second, "relationships.csv")));
        Assert.Contains("(synthetic)", File.ReadAllText(Path.Combine(first, "organisations.csv")));

        var outcome = await Cli.RunAsync("import", first, "--db", Path.Combine(first, "x.db"));
        Assert.True(outcome.ExitCode == 0, outcome.Error);
    }

    [Fact]
    public async Task TooFewMembersIsRefused()
    {
        var outcome = await Cli.RunAsync("generate", "--members", "3", "--out", Cli.NewTemporaryFolder());
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("--members", outcome.Error);
    }

    /// <summary>
    /// Kills a real `network import` process while its batch is being written, then reopens the file:
    /// it must hold the earlier data and either the whole new batch or none of it, and pass SQLite's integrity check.
    /// </summary>
    [Fact]
    public async Task AnImportKilledMidBatchLeavesTheWholeBatchOrNoneOfIt()
    {
        var folder = Cli.NewTemporaryFolder();
        var database = Path.Combine(folder, "crash.db");
        var big = Path.Combine(folder, "big");
        Assert.Equal(0, (await Cli.RunAsync("import", "data/seed", "--db", database)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("generate", "--members", "10000", "--seed", "1", "--out", big)).ExitCode);
        var bigNodes = File.ReadLines(Path.Combine(big, "organisations.csv")).Count() - 1;

        using var process = Process.Start(Cli.StartInfo("import", big, "--db", database))!;
        var stderr = process.StandardError.ReadToEndAsync();
        // The import says how far its write is while the transaction runs: kill it at the first such line, mid-batch.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(deadline.Token)) is not null && !line.TrimStart().StartsWith("written ", StringComparison.Ordinal))
        {
        }
        // (The messages read the process's errors only when they are needed: reading them waits for the process to end.)
        if (line is null)
            Assert.Fail("the import ended without saying how far its write was. " + await stderr);
        if (process.HasExited)
            Assert.Fail("the import finished before it could be killed; make the batch larger. " + await stderr);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var organisations = Count(database, "SELECT COUNT(*) FROM nodes WHERE label = 'Organisation'");
        var version = Count(database, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version'");
        Assert.True(organisations == 50 || organisations == 50 + bigNodes, $"{organisations} organisations: a partial batch survived");
        Assert.Equal(organisations == 50 ? 1 : 2, version);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }
}

public class MappedImportCommandTests
{
    [Fact]
    public async Task CordisAndTheTwinTownsImportSideBySideIntoOneDatabase()
    {
        var database = Path.Combine(Cli.NewTemporaryFolder(), "mixed.db");
        Assert.Equal(0, (await Cli.RunAsync("import", "data/seed", "--db", database)).ExitCode);
        var cordis = await Cli.RunAsync("import", "data/cordis-h2020-leuven", "--db", database);
        Assert.True(cordis.ExitCode == 0, cordis.Error);
        var twins = await Cli.RunAsync("import", "data/sister-cities", "--db", database);
        Assert.True(twins.ExitCode == 0, twins.Error);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM nodes WHERE label = 'Organisation'";
        Assert.Equal(50L + 5271L, (long)command.ExecuteScalar()!);
        command.CommandText = "SELECT COUNT(*) FROM relationships WHERE type = 'TWINNED_WITH' AND (from_id = 'city-leuven' OR to_id = 'city-leuven')";
        Assert.Equal(6L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task AnalyzeWorksDirectlyOnTheCordisFolder()
    {
        var outcome = await Cli.RunAsync("analyze", "data/cordis-h2020-leuven", "--metrics", "degree,betweenness", "--top", "3");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("5271 nodes", outcome.Output);
        Assert.Contains("KU Leuven", outcome.Output);
    }

    [Fact]
    public async Task AMissingMappingFileIsOneLine()
    {
        var outcome = await Cli.RunAsync("import", "data/cordis-h2020-leuven", "--mapping", "no-such-mapping.json", "--dry-run");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no-such-mapping.json", outcome.Error);
    }
}
