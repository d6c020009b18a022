using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Network.Analysis.Domain;
using Network.Api.Datasets;

namespace Network.Api.Hubs;

public sealed record NodeEvent(string Dataset, Node Node, long Version, string By);

public sealed record NodeDeletedEvent(string Dataset, string Id, string Label, long Version, int RelationshipsDeleted, string By);

public sealed record RelationshipEvent(string Dataset, Relationship Relationship, long Version, string By);

public sealed record RelationshipDeletedEvent(string Dataset, RelationshipKey Key, long Version, string By);

public sealed record AnalysisEvent(string Dataset, long DataVersion, double Milliseconds);

public sealed record ImportEvent(string Dataset, long Version, int Nodes, int Relationships, string By);

public sealed record MergeEvent(string Dataset, string Kept, string Dropped, string MergeId, bool Undone, long Version, string By);

/// <summary>What the server tells connected browsers and scripts; every write is announced once, after its commit.</summary>
public interface INetworkClient
{
    Task NodeAdded(NodeEvent change);
    Task NodeChanged(NodeEvent change);
    Task NodeDeleted(NodeDeletedEvent change);
    Task RelationshipAdded(RelationshipEvent change);
    Task RelationshipChanged(RelationshipEvent change);
    Task RelationshipDeleted(RelationshipDeletedEvent change);
    Task AnalysisUpdated(AnalysisEvent change);
    Task ImportFinished(ImportEvent change);
    Task Merged(MergeEvent change);
}

/// <summary>The live hub at /hubs/network. A client watches one or more datasets and hears of every change to them.</summary>
[Authorize(Policy = Auth.Policies.Read)]
public sealed class NetworkHub(DatasetCatalog catalog) : Hub<INetworkClient>
{
    public static string Group(string dataset) => "dataset:" + dataset;

    public async Task Watch(string dataset)
    {
        if (catalog.Find(dataset) is null)
            throw new HubException($"No dataset '{dataset}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dataset));
    }

    public Task Unwatch(string dataset) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(dataset));
}
