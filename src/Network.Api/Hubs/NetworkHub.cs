using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Network.Analysis.Domain;
using Network.Api.Datasets;

namespace Network.Api.Hubs;

public sealed record NodeEvent(string Dataset, Node Node, long Version, string By)
{
    /// <summary>For a change: the fields that got another value, in words ("name", "website").</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}

public sealed record NodeDeletedEvent(string Dataset, string Id, string Label, long Version, int RelationshipsDeleted, string By);

public sealed record RelationshipEvent(string Dataset, Relationship Relationship, long Version, string By);

public sealed record RelationshipDeletedEvent(string Dataset, RelationshipKey Key, long Version, string By);

public sealed record AnalysisEvent(string Dataset, long DataVersion, double Milliseconds);

/// <summary>A colleague pinned or let go positions on the shared map.</summary>
public sealed record LayoutEvent(string Dataset, long DataVersion, long PinStamp, string By, string? Origin = null);

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
    Task LayoutChanged(LayoutEvent change);
    Task ImportFinished(ImportEvent change);
    Task Merged(MergeEvent change);
    Task PresenceChanged(PresenceEvent presence);
}

/// <summary>One colleague with the dataset open: where, and whether they are editing a record right now.</summary>
public sealed record Presence(string User, string Page, string? Record, bool Editing);

/// <summary>Everyone signed in who has the dataset open (visitors who are not signed in only counted).</summary>
public sealed record PresenceEvent(string Dataset, IReadOnlyList<Presence> People, int Visitors);

/// <summary>The live hub at /hubs/network. A client watches one or more datasets and hears of every change to them.</summary>
// Anyone may connect; what they hear is decided per dataset when they ask to watch it.
[AllowAnonymous]
public sealed class NetworkHub(DatasetCatalog catalog, Analysis.AnalysisService analysis) : Hub<INetworkClient>
{
    public static string Group(string dataset) => "dataset:" + dataset;

    /// <summary>
    /// Starts sending the dataset's events to this connection. Answers with the data version of the dataset's latest
    /// finished analysis (0 while none is finished), so a page rendered from an older one knows at once that it missed one.
    /// </summary>
    public async Task<long> Watch(string dataset)
    {
        // The same answer for a dataset that does not exist and one the caller may not read: nothing to learn from it.
        if (catalog.Find(dataset) is null || Context.GetHttpContext() is not { } http || !Auth.AuthSetup.MayRead(http, Context.User ?? new System.Security.Claims.ClaimsPrincipal(), dataset))
            throw new HubException($"No dataset '{dataset}' that you may read.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dataset));
        return analysis.AnalysedVersion(dataset);
    }

    public Task Unwatch(string dataset) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(dataset));

    // Connection id → (dataset, presence). One process serves the hub, so this is the whole picture.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Dataset, Presence Presence)> Here = new();

    /// <summary>Says where this connection is (a page of a dataset, a record, editing or not); everyone there hears who is around.</summary>
    public async Task Present(string dataset, string page, string? record, bool editing)
    {
        // The same answer for a dataset that does not exist and one the caller may not read: nothing to learn from it.
        if (catalog.Find(dataset) is null || Context.GetHttpContext() is not { } http || !Auth.AuthSetup.MayRead(http, Context.User ?? new System.Security.Claims.ClaimsPrincipal(), dataset))
            throw new HubException($"No dataset '{dataset}' that you may read.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dataset));
        var user = Context.User?.Identity?.IsAuthenticated == true ? Context.User.Identity.Name ?? "" : "";
        var previous = Here.TryGetValue(Context.ConnectionId, out var was) ? was.Dataset : null;
        Here[Context.ConnectionId] = (dataset, new Presence(user, Trim(page, 200), record is null ? null : Trim(record, 200), editing));
        if (previous is not null && previous != dataset)
            await Announce(previous);
        await Announce(dataset);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Here.TryRemove(Context.ConnectionId, out var was))
            await Announce(was.Dataset);
        await base.OnDisconnectedAsync(exception);
    }

    private Task Announce(string dataset)
    {
        var here = Here.Values.Where(h => h.Dataset == dataset).Select(h => h.Presence).ToList();
        var people = here.Where(p => p.User.Length > 0)
            .GroupBy(p => p.User).Select(g => g.OrderByDescending(p => p.Editing).First()).OrderBy(p => p.User, StringComparer.Ordinal).ToList();
        return Clients.Group(Group(dataset)).PresenceChanged(new PresenceEvent(dataset, people, here.Count(p => p.User.Length == 0)));
    }

    private static string Trim(string text, int length) => text.Length <= length ? text : text[..length];
}
