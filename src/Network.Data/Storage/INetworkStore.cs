using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// The graph-shaped store every feature reads and writes through. Implementations validate each batch with
/// <see cref="DomainRules.CheckBatch"/> and apply it in one transaction: all of it or none of it.
/// </summary>
public interface INetworkStore
{
    /// <summary>Validates and applies a batch in one transaction; throws <see cref="ValidationFailedException"/> and writes nothing when any part is invalid.</summary>
    Task<WriteResult> WriteAsync(GraphBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Every problem the batch would be refused for, against what is stored now; writes nothing (a dry run).</summary>
    Task<IReadOnlyList<ValidationError>> CheckAsync(GraphBatch batch, CancellationToken cancellationToken = default);

    Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A node with the data version of its last write (for ETags); null when there is none.</summary>
    Task<Versioned<Node>?> GetVersionedNodeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A relationship with the data version of its last write; null when there is none.</summary>
    Task<Versioned<Relationship>?> GetVersionedRelationshipAsync(RelationshipKey key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>A node's relationships (both directions), each with the data version of its last write, in one read.</summary>
    Task<IReadOnlyList<Versioned<Relationship>>> GetVersionedRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>The whole graph at one consistent data version.</summary>
    Task<NetworkGraph> LoadGraphAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The given nodes, the nodes one relationship away, and the relationships among them, at one data version: what
    /// a merge needs to see around two records. Longer traversals run in the engine (<c>PropertyGraph</c>) on the loaded graph.
    /// </summary>
    Task<NetworkGraph> LoadAroundAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Which of the given ids are stored (one read, for an import's "new or updated").</summary>
    Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Incremented by every committed write; 0 for an empty, never-written store.</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>The change history, newest first: one entry per write that carried a <see cref="GraphBatch.Change"/>.</summary>
    Task<IReadOnlyList<ChangeEntry>> GetChangesAsync(ChangeQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A record and the data version of its last write.</summary>
public sealed record Versioned<T>(T Value, long Version);

/// <summary>Thrown when a batch expected a record at a version it no longer has; nothing has been written.</summary>
public sealed class ConcurrencyConflictException(string what, long expected, long? actual)
    : Exception(actual is null
        ? $"{what} no longer exists (expected version {expected})."
        : expected == 0 ? $"{what} exists already (version {actual})." : $"{what} was changed by someone else: expected version {expected}, now {actual}.")
{
    public string What { get; } = what;
    public long Expected { get; } = expected;
    public long? Actual { get; } = actual;
}

/// <summary>
/// Upserts and deletes applied together. Deleting a node deletes its relationships too. Expected versions make the
/// batch conditional (optimistic concurrency): the whole batch is refused with <see cref="ConcurrencyConflictException"/>
/// when a named record is not at that version; version 0 means "must not exist yet".
/// </summary>
public sealed record GraphBatch
{
    public IReadOnlyDictionary<string, long> ExpectedNodeVersions { get; init; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<RelationshipKey, long> ExpectedRelationshipVersions { get; init; } = new Dictionary<RelationshipKey, long>();

    public IReadOnlyList<Node> Nodes { get; init; } = [];
    public IReadOnlyList<Relationship> Relationships { get; init; } = [];
    public IReadOnlyList<string> DeleteNodes { get; init; } = [];
    public IReadOnlyList<RelationshipKey> DeleteRelationships { get; init; } = [];

    /// <summary>What the history records of this write; stored in the same transaction as the data (none when null).</summary>
    public ChangeNote? Change { get; init; }

    /// <summary>
    /// Told, inside the write's transaction, how many of the nodes and relationships to write are written so far (at
    /// least every <see cref="ProgressEvery"/> records, and all of them before the commit): a long import can say how
    /// far it is.
    /// </summary>
    public IProgress<int>? Progress { get; init; }

    public const int ProgressEvery = 1000;

    /// <summary>Reports <paramref name="written"/> to <see cref="Progress"/> when it is a multiple of <see cref="ProgressEvery"/> or all of them.</summary>
    public void Report(int written)
    {
        if (Progress is not null && (written % ProgressEvery == 0 || written == Nodes.Count + Relationships.Count))
            Progress.Report(written);
    }

    public bool IsEmpty => Nodes.Count == 0 && Relationships.Count == 0 && DeleteNodes.Count == 0 && DeleteRelationships.Count == 0;

    public static GraphBatch Of(NetworkGraph graph) => new() { Nodes = graph.Nodes, Relationships = graph.Relationships };
}

/// <param name="Version">The data version after the write.</param>
/// <param name="DeletedRelationships">Relationships removed, including those that went with a deleted node.</param>
public sealed record WriteResult(long Version, int NodesWritten, int RelationshipsWritten, int NodesDeleted, int DeletedRelationships);

public sealed record StoreHealth(bool Healthy, string Provider, string Detail, long Version, int Nodes, int Relationships);

public static class NetworkStoreExtensions
{
    public static Task<WriteResult> UpsertNodeAsync(this INetworkStore store, Node node, CancellationToken cancellationToken = default) =>
        store.WriteAsync(new GraphBatch { Nodes = [node] }, cancellationToken);

    public static Task<WriteResult> UpsertRelationshipAsync(this INetworkStore store, Relationship relationship, CancellationToken cancellationToken = default) =>
        store.WriteAsync(new GraphBatch { Relationships = [relationship] }, cancellationToken);

    public static Task<WriteResult> DeleteNodeAsync(this INetworkStore store, string id, CancellationToken cancellationToken = default) =>
        store.WriteAsync(new GraphBatch { DeleteNodes = [id] }, cancellationToken);

    public static Task<WriteResult> DeleteRelationshipAsync(this INetworkStore store, RelationshipKey key, CancellationToken cancellationToken = default) =>
        store.WriteAsync(new GraphBatch { DeleteRelationships = [key] }, cancellationToken);
}

/// <summary>The store could not be reached or answered with a server error; it is unavailable, nothing was written.</summary>
public sealed class GraphDatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Progress told at once on the writing thread (System.Progress would tell it later, after the write may be done): what
/// a long import reports to <see cref="GraphBatch.Progress"/>, from the command line or the server.
/// </summary>
public sealed class Reported<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
