using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Network.Analysis.Domain;
using Network.Data.Imports;
using Network.Data.Storage;
using Network.Tests;

namespace Network.Data.Tests.Imports;

/// <summary>The one import path: one read to learn what exists, one write that validates inside its transaction.</summary>
public sealed class ImporterTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTemporaryFolder();
    private readonly SqliteNetworkStore _sqlite;
    private readonly CountingStore _store;

    public ImporterTests()
    {
        _sqlite = new SqliteNetworkStore(Path.Combine(_folder, "import.db"));
        _store = new CountingStore(_sqlite);
    }

    public void Dispose() => _sqlite.Dispose();

    private Task<ImportOutcome> Import(string folder, bool dryRun = false) =>
        Importer.RunAsync(_store, folder, null, dryRun, (batch, ct) => _store.WriteAsync(batch, ct));

    [Fact]
    public async Task ACsvImportGoesToTheStoreTwiceOneReadAndOneWrite()
    {
        var outcome = await Import(TestPaths.SeedFolder);

        Assert.True(outcome.Valid, string.Join("; ", outcome.Errors));
        Assert.Equal(new Dictionary<string, int> { ["ExistingAsync"] = 1, ["WriteAsync"] = 1 }, _store.Calls);
        Assert.Equal(105, outcome.Graph.Nodes.Count);
        Assert.Equal(0, outcome.Existing);

        // Again: everything exists already, still one read and one write.
        _store.Calls.Clear();
        var again = await Import(TestPaths.SeedFolder);
        Assert.Equal(105, again.Existing);
        Assert.Equal(new Dictionary<string, int> { ["ExistingAsync"] = 1, ["WriteAsync"] = 1 }, _store.Calls);
    }

    [Fact]
    public async Task AMappedImportReadsTheDatasetOnceToMatchItsCitiesAndWritesOnce()
    {
        var outcome = await Import(Path.Combine(RepositoryPaths.Root, "data", "sister-cities"));

        Assert.True(outcome.Valid, string.Join("; ", outcome.Errors.Take(3)));
        Assert.Equal(new Dictionary<string, int> { ["LoadGraphAsync"] = 1, ["WriteAsync"] = 1 }, _store.Calls);
    }

    [Fact]
    public async Task ADryRunChecksInsteadOfWriting()
    {
        var outcome = await Import(TestPaths.SeedFolder, dryRun: true);

        Assert.True(outcome.Valid);
        Assert.Null(outcome.Version);
        Assert.Equal(new Dictionary<string, int> { ["ExistingAsync"] = 1, ["CheckAsync"] = 1 }, _store.Calls);
        Assert.Equal(0, await _sqlite.GetVersionAsync());
    }

    [Fact]
    public async Task ABadFileIsReportedByFileRowAndColumnAndNothingIsWritten()
    {
        var bad = TestPaths.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(bad, "organisations.csv"), "id,name,kind,source\norg-a,A,company,src\norg-b,B,spaceship,src\n");

        var outcome = await Import(bad);

        Assert.False(outcome.Valid);
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("organisations.csv", error.Where);
        Assert.Contains("row 3", error.Where);
        Assert.Equal("kind", error.Field);
        Assert.False(_store.Calls.ContainsKey("WriteAsync"));
        Assert.Equal(0, await _sqlite.GetVersionAsync());
    }

    /// <summary>A store that counts every call before passing it on.</summary>
    private sealed class CountingStore(INetworkStore inner) : INetworkStore
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new();

        private T Count<T>(T result, [CallerMemberName] string name = "")
        {
            Calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            return result;
        }

        public Task<WriteResult> WriteAsync(GraphBatch batch, CancellationToken cancellationToken = default) => Count(inner.WriteAsync(batch, cancellationToken));
        public Task<IReadOnlyList<ValidationError>> CheckAsync(GraphBatch batch, CancellationToken cancellationToken = default) => Count(inner.CheckAsync(batch, cancellationToken));
        public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => Count(inner.GetNodeAsync(id, cancellationToken));
        public Task<Versioned<Node>?> GetVersionedNodeAsync(string id, CancellationToken cancellationToken = default) => Count(inner.GetVersionedNodeAsync(id, cancellationToken));
        public Task<Versioned<Relationship>?> GetVersionedRelationshipAsync(RelationshipKey key, CancellationToken cancellationToken = default) => Count(inner.GetVersionedRelationshipAsync(key, cancellationToken));
        public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default) => Count(inner.GetRelationshipsAsync(nodeId, cancellationToken));
        public Task<IReadOnlyList<Versioned<Relationship>>> GetVersionedRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default) => Count(inner.GetVersionedRelationshipsAsync(nodeId, cancellationToken));
        public Task<NetworkGraph> LoadGraphAsync(CancellationToken cancellationToken = default) => Count(inner.LoadGraphAsync(cancellationToken));
        public Task<NetworkGraph> LoadAroundAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => Count(inner.LoadAroundAsync(ids, cancellationToken));
        public Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => Count(inner.ExistingAsync(ids, cancellationToken));
        public Task<long> GetVersionAsync(CancellationToken cancellationToken = default) => Count(inner.GetVersionAsync(cancellationToken));
        public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => Count(inner.CheckHealthAsync(cancellationToken));
        public Task<IReadOnlyList<ChangeEntry>> GetChangesAsync(ChangeQuery query, CancellationToken cancellationToken = default) => Count(inner.GetChangesAsync(query, cancellationToken));
    }
}
