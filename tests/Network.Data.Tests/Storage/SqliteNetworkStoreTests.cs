using Microsoft.Data.Sqlite;
using Network.Analysis.Domain;
using Network.Data.Storage;

namespace Network.Data.Tests.Storage;

/// <summary>The store contract, bound to the embedded SQLite store; plus what only a file-based store has.</summary>
public sealed class SqliteNetworkStoreTests : NetworkStoreContract
{
    private readonly string _folder = TestPaths.NewTemporaryFolder();

    protected override INetworkStore CreateEmptyStore() => new SqliteNetworkStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));

    protected override INetworkStore OpenAgain(INetworkStore store) => new SqliteNetworkStore(((SqliteNetworkStore)store).Path);

    [Fact]
    public void TheFileIsInWalModeAtTheLatestSchema()
    {
        var store = (SqliteNetworkStore)NewStore();
        using var connection = new SqliteConnection($"Data Source={store.Path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteNetworkStore.SchemaVersion, command.ExecuteScalar());
    }

    [Fact]
    public async Task WhileAWriteSaysHowFarItIsOthersStillReadTheVersionBefore()
    {
        var store = (SqliteNetworkStore)NewStore();
        var seen = new List<long>();
        using var other = new SqliteNetworkStore(store.Path);
        await store.WriteAsync(new GraphBatch
        {
            Nodes = [.. Enumerable.Range(0, 1500).Select(i => new Organisation($"org-{i}", $"Organisation {i}", "company", "src"))],
            Progress = new Told(_ => seen.Add(other.GetVersionAsync().GetAwaiter().GetResult())),
        });
        Assert.Equal([0L, 0L], seen);
        Assert.Equal(1, await other.GetVersionAsync());
    }

    private sealed class Told(Action<int> told) : IProgress<int>
    {
        public void Report(int value) => told(value);
    }

    [Fact]
    public async Task DataSurvivesReopeningTheFile()
    {
        var path = Path.Combine(_folder, "reopen.db");
        using (var store = new SqliteNetworkStore(path))
            await store.WriteAsync(GraphBatch.Of(EveryKind()));
        using var reopened = new SqliteNetworkStore(path);
        Assert.Equal(8, (await reopened.LoadGraphAsync()).Nodes.Count);
        Assert.Equal(1, await reopened.GetVersionAsync());
    }

    [Fact]
    public void AFileFromANewerProgramIsRefused()
    {
        var path = Path.Combine(_folder, "future.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }
        var failure = Assert.Throws<InvalidOperationException>(() => new SqliteNetworkStore(path));
        Assert.Contains("newer", failure.Message);
    }

    [Fact]
    public async Task AnUpsertKeepsTheRowsIdentityAndDoesNotDuplicate()
    {
        var store = NewStore();
        for (var i = 0; i < 3; i++)
            await store.UpsertNodeAsync(new Organisation("o", $"Name {i}", "company", "src"));
        var graph = await store.LoadGraphAsync();
        Assert.Equal("Name 2", Assert.Single(graph.Nodes).DisplayName);
    }
}
