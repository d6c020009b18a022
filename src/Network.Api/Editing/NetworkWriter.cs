using Microsoft.AspNetCore.SignalR;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Datasets;
using Network.Api.Hubs;
using Network.Data.Storage;

namespace Network.Api.Editing;

/// <summary>Who writes and through what ("api", "form", "import", "merge", "what-if", "revert"); a bare user name means the API.</summary>
public readonly record struct Author(string By, string Via)
{
    public static implicit operator Author(string by) => new(by, "api");

    public override string ToString() => By;
}

/// <summary>
/// The one way data changes: every write commits through the dataset's store, then is announced exactly once on the
/// hub, then the analysis of that dataset is recomputed in the background (and announced when ready).
/// </summary>
public sealed class NetworkWriter(DatasetCatalog catalog, IHubContext<NetworkHub, INetworkClient> hub, AnalysisService analysis, StoreVersions versions)
{
    /// <summary>
    /// Commits the batch with its history entry, then announces it once to the dataset's watchers, then triggers
    /// re-analysis.
    /// </summary>
    private Task<WriteResult> CommitAsync(string dataset, GraphBatch batch, Author author, string? summary, Func<INetworkClient, WriteResult, Task> announce, CancellationToken cancellationToken) =>
        CommitAsync(dataset, batch, author, summary, (c, r, _) => announce(c, r), cancellationToken);

    /// <param name="announce">Also given the history entry, for events that say what changed.</param>
    private async Task<WriteResult> CommitAsync(string dataset, GraphBatch batch, Author author, string? summary, Func<INetworkClient, WriteResult, ChangeNote, Task> announce, CancellationToken cancellationToken)
    {
        var store = catalog.Store(dataset);
        var note = await History.NoteAsync(store, batch, author.By, author.Via, summary, cancellationToken);
        var result = await versions.WriteAsync(dataset, store, batch with { Change = note }, cancellationToken);
        await announce(hub.Clients.Group(NetworkHub.Group(dataset)), result, note);
        analysis.Changed(dataset);
        return result;
    }

    /// <summary>The fields of the node that the history entry records as changed.</summary>
    private static IReadOnlyList<string> Fields(ChangeNote note, string id) =>
        note.Items.FirstOrDefault(i => i.Kind == "node" && i.Id == id)?.ChangedFields() ?? [];

    private static Dictionary<string, long> Expect(string id, long version) => new() { [id] = version };

    private static Dictionary<RelationshipKey, long> Expect(RelationshipKey key, long version) => new() { [key] = version };

    public async Task<long> CreateNodeAsync(string dataset, Node node, Author by, CancellationToken cancellationToken = default) =>
        (await CommitAsync(dataset, new GraphBatch { Nodes = [node], ExpectedNodeVersions = Expect(node.Id, 0) }, by, null,
            (c, r) => c.NodeAdded(new NodeEvent(dataset, node, r.Version, by.By)), cancellationToken)).Version;

    public async Task<long> UpdateNodeAsync(string dataset, Node node, long expectedVersion, Author by, CancellationToken cancellationToken = default) =>
        (await CommitAsync(dataset, new GraphBatch { Nodes = [node], ExpectedNodeVersions = Expect(node.Id, expectedVersion) }, by, null,
            (c, r, note) => c.NodeChanged(new NodeEvent(dataset, node, r.Version, by.By) { Fields = Fields(note, node.Id) }), cancellationToken)).Version;

    public async Task<long> DeleteNodeAsync(string dataset, Node node, long expectedVersion, Author by, CancellationToken cancellationToken = default) =>
        (await CommitAsync(dataset, new GraphBatch { DeleteNodes = [node.Id], ExpectedNodeVersions = Expect(node.Id, expectedVersion) }, by, null,
            (c, r) => c.NodeDeleted(new NodeDeletedEvent(dataset, node.Id, node.Label.ToString(), r.Version, r.DeletedRelationships, by.By)), cancellationToken)).Version;

    public async Task<long> CreateRelationshipAsync(string dataset, Relationship relationship, Author by, CancellationToken cancellationToken = default) =>
        (await CommitAsync(dataset, new GraphBatch { Relationships = [relationship], ExpectedRelationshipVersions = Expect(relationship.Key, 0) }, by, null,
            (c, r) => c.RelationshipAdded(new RelationshipEvent(dataset, relationship, r.Version, by.By)), cancellationToken)).Version;

    public async Task<long> UpdateRelationshipAsync(string dataset, Relationship relationship, long expectedVersion, Author by, CancellationToken cancellationToken = default) =>
        (await CommitAsync(dataset, new GraphBatch { Relationships = [relationship], ExpectedRelationshipVersions = Expect(relationship.Key, expectedVersion) }, by, null,
            (c, r) => c.RelationshipChanged(new RelationshipEvent(dataset, relationship, r.Version, by.By)), cancellationToken)).Version;

    public async Task<long> DeleteRelationshipAsync(string dataset, RelationshipKey key, long expectedVersion, Author by, CancellationToken cancellationToken = default) =>
        (await CommitAsync(dataset, new GraphBatch { DeleteRelationships = [key], ExpectedRelationshipVersions = Expect(key, expectedVersion) }, by, null,
            (c, r) => c.RelationshipDeleted(new RelationshipDeletedEvent(dataset, key, r.Version, by.By)), cancellationToken)).Version;

    /// <summary>
    /// A record saved from a form with the relationships that go with its fields (e.g. an organisation's city), in one
    /// transaction: created when <paramref name="expectedVersion"/> is 0, else replaced only if still at that version.
    /// Announced as the node's change followed by each relationship change.
    /// </summary>
    public async Task<long> SaveRecordAsync(string dataset, Node node, long expectedVersion, IReadOnlyList<Relationship> add, IReadOnlyList<RelationshipKey> delete, Author by, CancellationToken cancellationToken = default)
    {
        var batch = new GraphBatch
        {
            Nodes = [node],
            Relationships = add,
            DeleteRelationships = delete,
            ExpectedNodeVersions = Expect(node.Id, expectedVersion),
        };
        var result = await CommitAsync(dataset, batch, by, null, async (c, r, note) =>
        {
            var change = new NodeEvent(dataset, node, r.Version, by.By) { Fields = Fields(note, node.Id) };
            await (expectedVersion == 0 ? c.NodeAdded(change) : c.NodeChanged(change));
            foreach (var key in delete)
                await c.RelationshipDeleted(new RelationshipDeletedEvent(dataset, key, r.Version, by.By));
            foreach (var relationship in add)
                await c.RelationshipAdded(new RelationshipEvent(dataset, relationship, r.Version, by.By));
        }, cancellationToken);
        return result.Version;
    }

    /// <summary>A merge of two records (or its undo) in one transaction, announced once.</summary>
    public Task<WriteResult> MergeAsync(string dataset, GraphBatch batch, Author by, string summary, Func<long, MergeEvent> announce, CancellationToken cancellationToken = default) =>
        CommitAsync(dataset, batch, by, summary, (c, r) => c.Merged(announce(r.Version)), cancellationToken);

    /// <summary>The undoing of one change, announced as an import of what it wrote back (so every page refreshes).</summary>
    public Task<WriteResult> RevertAsync(string dataset, GraphBatch batch, Author by, string summary, CancellationToken cancellationToken = default) =>
        CommitAsync(dataset, batch, by, summary,
            (c, r) => c.ImportFinished(new ImportEvent(dataset, r.Version, r.NodesWritten, r.RelationshipsWritten, by.By)), cancellationToken);

    /// <summary>A survey answer's ties and sectors in one transaction, announced relationship by relationship.</summary>
    public Task<WriteResult> AnswerAsync(string dataset, GraphBatch batch, Author by, string summary, CancellationToken cancellationToken = default) =>
        CommitAsync(dataset, batch, by, summary, async (c, r) =>
        {
            foreach (var key in batch.DeleteRelationships)
                await c.RelationshipDeleted(new RelationshipDeletedEvent(dataset, key, r.Version, by.By));
            foreach (var relationship in batch.Relationships)
                await c.RelationshipAdded(new RelationshipEvent(dataset, relationship, r.Version, by.By));
        }, cancellationToken);

    /// <summary>A whole import in one transaction, announced once as finished; <paramref name="from"/> names the files or mapping.</summary>
    public Task<WriteResult> ImportAsync(string dataset, GraphBatch batch, string by, string from, CancellationToken cancellationToken = default) =>
        CommitAsync(dataset, batch, new Author(by, "import"), $"imported {batch.Nodes.Count:N0} records and {batch.Relationships.Count:N0} relationships from {from}",
            (c, r) => c.ImportFinished(new ImportEvent(dataset, r.Version, r.NodesWritten, r.RelationshipsWritten, by)), cancellationToken);
}
