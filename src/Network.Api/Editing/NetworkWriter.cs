using Microsoft.AspNetCore.SignalR;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Datasets;
using Network.Api.Hubs;
using Network.Api.Storage;

namespace Network.Api.Editing;

/// <summary>
/// The one way data changes: every write commits through the dataset's store, then is announced exactly once on the
/// hub, then the analysis of that dataset is recomputed in the background (and announced when ready).
/// </summary>
public sealed class NetworkWriter(DatasetCatalog catalog, IHubContext<NetworkHub, INetworkClient> hub, AnalysisService analysis)
{
    private INetworkClient Watchers(string dataset) => hub.Clients.Group(NetworkHub.Group(dataset));

    public async Task<long> CreateNodeAsync(string dataset, Node node, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(new GraphBatch { Nodes = [node], ExpectedNodeVersions = new Dictionary<string, long> { [node.Id] = 0 } }, cancellationToken);
        await Watchers(dataset).NodeAdded(new NodeEvent(dataset, node, result.Version, by));
        analysis.Changed(dataset);
        return result.Version;
    }

    public async Task<long> UpdateNodeAsync(string dataset, Node node, long expectedVersion, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(new GraphBatch { Nodes = [node], ExpectedNodeVersions = new Dictionary<string, long> { [node.Id] = expectedVersion } }, cancellationToken);
        await Watchers(dataset).NodeChanged(new NodeEvent(dataset, node, result.Version, by));
        analysis.Changed(dataset);
        return result.Version;
    }

    public async Task<long> DeleteNodeAsync(string dataset, Node node, long expectedVersion, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(new GraphBatch { DeleteNodes = [node.Id], ExpectedNodeVersions = new Dictionary<string, long> { [node.Id] = expectedVersion } }, cancellationToken);
        await Watchers(dataset).NodeDeleted(new NodeDeletedEvent(dataset, node.Id, node.Label.ToString(), result.Version, result.DeletedRelationships, by));
        analysis.Changed(dataset);
        return result.Version;
    }

    public async Task<long> CreateRelationshipAsync(string dataset, Relationship relationship, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(new GraphBatch { Relationships = [relationship], ExpectedRelationshipVersions = new Dictionary<RelationshipKey, long> { [relationship.Key] = 0 } }, cancellationToken);
        await Watchers(dataset).RelationshipAdded(new RelationshipEvent(dataset, relationship, result.Version, by));
        analysis.Changed(dataset);
        return result.Version;
    }

    public async Task<long> UpdateRelationshipAsync(string dataset, Relationship relationship, long expectedVersion, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(new GraphBatch { Relationships = [relationship], ExpectedRelationshipVersions = new Dictionary<RelationshipKey, long> { [relationship.Key] = expectedVersion } }, cancellationToken);
        await Watchers(dataset).RelationshipChanged(new RelationshipEvent(dataset, relationship, result.Version, by));
        analysis.Changed(dataset);
        return result.Version;
    }

    public async Task<long> DeleteRelationshipAsync(string dataset, RelationshipKey key, long expectedVersion, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(new GraphBatch { DeleteRelationships = [key], ExpectedRelationshipVersions = new Dictionary<RelationshipKey, long> { [key] = expectedVersion } }, cancellationToken);
        await Watchers(dataset).RelationshipDeleted(new RelationshipDeletedEvent(dataset, key, result.Version, by));
        analysis.Changed(dataset);
        return result.Version;
    }

    /// <summary>A whole import in one transaction, announced once as finished.</summary>
    public async Task<WriteResult> ImportAsync(string dataset, GraphBatch batch, string by, CancellationToken cancellationToken = default)
    {
        var result = await catalog.Store(dataset).WriteAsync(batch, cancellationToken);
        await Watchers(dataset).ImportFinished(new ImportEvent(dataset, result.Version, result.NodesWritten, result.RelationshipsWritten, by));
        analysis.Changed(dataset);
        return result;
    }
}
