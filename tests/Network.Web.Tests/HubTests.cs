using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Network.Api.Auth;
using Network.Api.Hubs;
using Network.Data.Users;
using Network.Data.Formats;

namespace Network.Web.Tests;

/// <summary>A real SignalR client on the test server hears each write once, after it is committed.</summary>
public sealed class HubTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HubConnection Connection, Channel<(string Kind, object Payload)> Events)> Connect(string dataset)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/network"), o => o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler())
            .AddJsonProtocol(o =>
            {
                // Relationship types arrive as documented (PARTNERS_WITH).
                o.PayloadSerializerOptions.Converters.Add(new Network.Data.Formats.RelationshipTypeJson());
                o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            })
            .Build();
        var events = Channel.CreateUnbounded<(string, object)>();
        connection.On<NodeEvent>(nameof(INetworkClient.NodeAdded), e => events.Writer.TryWrite(("NodeAdded", e)));
        connection.On<NodeEvent>(nameof(INetworkClient.NodeChanged), e => events.Writer.TryWrite(("NodeChanged", e)));
        connection.On<NodeDeletedEvent>(nameof(INetworkClient.NodeDeleted), e => events.Writer.TryWrite(("NodeDeleted", e)));
        connection.On<RelationshipEvent>(nameof(INetworkClient.RelationshipAdded), e => events.Writer.TryWrite(("RelationshipAdded", e)));
        connection.On<RelationshipEvent>(nameof(INetworkClient.RelationshipChanged), e => events.Writer.TryWrite(("RelationshipChanged", e)));
        connection.On<RelationshipDeletedEvent>(nameof(INetworkClient.RelationshipDeleted), e => events.Writer.TryWrite(("RelationshipDeleted", e)));
        connection.On<ImportEvent>(nameof(INetworkClient.ImportFinished), e => events.Writer.TryWrite(("ImportFinished", e)));
        connection.On<AnalysisEvent>(nameof(INetworkClient.AnalysisUpdated), e => events.Writer.TryWrite(("AnalysisUpdated", e)));
        await connection.StartAsync();
        await connection.InvokeAsync("Watch", dataset);
        return (connection, events);
    }

    private static async Task<(string Kind, object Payload)> Next(Channel<(string Kind, object Payload)> events, string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await events.Reader.ReadAsync(timeout.Token);
            if (next.Kind == kind)
                return next;
        }
    }

    [Fact]
    public async Task AWriteOutsideTheServerIntoItsStoreIsHeardAsAnImportAndAnalysed()
    {
        var (connection, events) = await Connect("seed");
        await using var _ = connection;
        // The server has looked at the store once (its first look only notes the version), then another writer —
        // as `network import --db` from a second process would — writes into the same file.
        using var outside = new Network.Data.Storage.SqliteNetworkStore(Path.Combine(_app.DataFolder, "seed.db"));
        var before = await outside.GetVersionAsync();
        var versions = _app.Services.GetRequiredService<Network.Api.Editing.StoreVersions>();
        await WaitUntil(() => Task.FromResult(versions.Known("seed") >= before));
        var written = await outside.WriteAsync(new Network.Data.Storage.GraphBatch
        {
            Nodes = [new Network.Analysis.Domain.Sector("sector-quantum", "Quantum", "test")],
            Change = new Network.Data.Storage.ChangeNote("lotte", "import", "imported from a folder with network import", [], 1),
        });
        Assert.True(written.Version > before);
        var heard = (ImportEvent)(await Next(events, "ImportFinished")).Payload;
        Assert.Equal(written.Version, heard.Version);
        Assert.Equal("lotte (outside this server)", heard.By);
        var analysed = (AnalysisEvent)(await Next(events, "AnalysisUpdated")).Payload;
        Assert.Equal(written.Version, analysed.DataVersion);
        // The server's own writes are not heard twice.
        await _app.ClientWithRole(Roles.Editor).PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-photonics", name = "Photonics" });
        Assert.Equal("sector-photonics", ((NodeEvent)(await Next(events, "NodeAdded")).Payload).Node.Id);
        await Next(events, "AnalysisUpdated");
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
            await Task.Delay(50, deadline.Token);
    }

    [Fact]
    public async Task AWatcherHearsEachWriteAndTheAnalysisThatFollows()
    {
        var (connection, events) = await Connect("seed");
        await using var _ = connection;
        var client = _app.ClientWithRole(Roles.Editor);

        var created = await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-photonics", name = "Photonics" });
        var added = (NodeEvent)(await Next(events, "NodeAdded")).Payload;
        Assert.Equal("sector-photonics", added.Node.Id);
        Assert.Equal(2, added.Version);
        Assert.StartsWith("key:test-editor", added.By);
        var analysed = (AnalysisEvent)(await Next(events, "AnalysisUpdated")).Payload;
        Assert.True(analysed.DataVersion >= 2);

        await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "ActiveIn", from = "org-imec", to = "sector-photonics", stages = new[] { "research" } });
        var relationship = (RelationshipEvent)(await Next(events, "RelationshipAdded")).Payload;
        Assert.Equal("org-imec", relationship.Relationship.From);

        var delete = new HttpRequestMessage(HttpMethod.Delete, created.Headers.Location);
        delete.Headers.IfMatch.Add(created.Headers.ETag!);
        await client.SendAsync(delete);
        var deleted = (NodeDeletedEvent)(await Next(events, "NodeDeleted")).Payload;
        Assert.Equal("sector-photonics", deleted.Id);
        Assert.Equal(1, deleted.RelationshipsDeleted);
    }

    [Fact]
    public async Task AWatcherThatCameLateLearnsWhichAnalysisItMissed()
    {
        // The first watcher hears the analysis of a write; a page that starts watching afterwards was rendered
        // before it, so Watch tells it the version of the latest finished analysis and the page catches up.
        var (first, events) = await Connect("seed");
        await using var _ = first;
        await _app.ClientWithRole(Roles.Editor).PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-late", name = "Late" });
        var analysed = (AnalysisEvent)(await Next(events, "AnalysisUpdated")).Payload;

        await using var late = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/network"), o => o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler())
            .Build();
        await late.StartAsync();
        Assert.Equal(analysed.DataVersion, await late.InvokeAsync<long>("Watch", "seed"));
    }

    [Fact]
    public async Task UpdatesRelationshipDeletesAndImportsAreAnnouncedInOrder()
    {
        var (connection, events) = await Connect("seed");
        await using var _ = connection;
        var client = _app.ClientWithRole(Roles.Editor);

        var read = await client.GetAsync("/api/datasets/seed/sectors/sector-nanotech");
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/datasets/seed/sectors/sector-nanotech") { Content = JsonContent.Create(new { name = "Nanotech", source = "test" }) };
        update.Headers.IfMatch.Add(read.Headers.ETag!);
        await client.SendAsync(update);
        var changedNode = (NodeEvent)(await Next(events, "NodeChanged")).Payload;
        Assert.Equal("Nanotech", changedNode.Node.DisplayName);
        // The event says what changed, so a colleague's notice can: the name and the source, nothing else.
        Assert.Equal(["name", "source"], changedNode.Fields.Order());

        var relationship = "/api/datasets/seed/relationships/TWINNED_WITH/city-leuven/city-wuxi";
        var created = await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "TwinnedWith", from = "city-leuven", to = "city-wuxi", source = "test" });
        await Next(events, "RelationshipAdded");
        var change = new HttpRequestMessage(HttpMethod.Put, relationship) { Content = JsonContent.Create(new { type = "TwinnedWith", from = "city-leuven", to = "city-wuxi", source = "corrected", since = "2018-11-01" }) };
        change.Headers.IfMatch.Add(created.Headers.ETag!);
        var changed = await client.SendAsync(change);
        Assert.Equal(new DateOnly(2018, 11, 1), ((RelationshipEvent)(await Next(events, "RelationshipChanged")).Payload).Relationship.Since);
        var delete = new HttpRequestMessage(HttpMethod.Delete, relationship);
        delete.Headers.IfMatch.Add(changed.Headers.ETag!);
        await client.SendAsync(delete);
        Assert.Equal("city-wuxi", ((RelationshipDeletedEvent)(await Next(events, "RelationshipDeleted")).Payload).Key.To);

        var form = new MultipartFormDataContent { { new StringContent("id,name,source\np-hub-1,Ann,t\np-hub-2,Bo,t\n"), "files", "people.csv" } };
        await client.PostAsync("/api/datasets/seed/import", form);
        var imported = (ImportEvent)(await Next(events, "ImportFinished")).Payload;
        Assert.Equal(2, imported.Nodes);
    }

    [Fact]
    public async Task ARefusedWriteIsNotAnnounced()
    {
        var (connection, events) = await Connect("seed");
        await using var _ = connection;
        var client = _app.ClientWithRole(Roles.Editor);
        await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-nanotech", name = "Duplicate" });
        await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-ok", name = "Fine" });
        // Events arrive in order: the first one heard is the second write's.
        var first = (NodeEvent)(await Next(events, "NodeAdded")).Payload;
        Assert.Equal("sector-ok", first.Node.Id);
    }

    [Fact]
    public async Task WatchingAnUnknownDatasetFails()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/network"), o => o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler())
            .Build();
        await connection.StartAsync();
        await using var _ = connection;
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Watch", "nope"));
    }
}
