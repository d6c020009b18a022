using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Api.Analysis;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Data.Storage;

namespace Network.Api.Hubs;

/// <summary>
/// Writes made to a dataset's store outside this server (`network import --db` into the file the server uses, a
/// colleague's server on the same Neo4j database) reach the pages watching it as the server's own do: every few
/// seconds (Storage:WatchSeconds, 2 by default; 0 turns it off) each dataset's version is read, and a newer one than
/// the server wrote or saw is announced on the hub as an import by whoever the history names, then analysed again.
/// </summary>
public sealed class OutsideWrites(DatasetCatalog catalog, StoreVersions versions, AnalysisService analysis,
    IHubContext<NetworkHub, INetworkClient> hub, IConfiguration configuration, ILogger<OutsideWrites> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Storage:WatchSeconds", 2.0);
        if (seconds <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        do
        {
            foreach (var dataset in catalog.List().Select(d => d.Name))
            {
                try
                {
                    await LookAsync(dataset, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store that cannot be read now is /health's news; this looks again next time.
                    logger.LogDebug(e, "Could not read the version of dataset {Dataset}", dataset);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task LookAsync(string dataset, CancellationToken cancellationToken)
    {
        var store = catalog.Store(dataset);
        if (await versions.OutsideWritesAsync(dataset, store, cancellationToken) is not var (known, now))
            return;
        var entries = (await store.GetChangesAsync(new ChangeQuery(Limit: 50), cancellationToken)).Where(e => e.Version > known && e.Version <= now).ToList();
        var by = entries.Select(e => e.By).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } names ? string.Join(", ", names) : "someone";
        await hub.Clients.Group(NetworkHub.Group(dataset)).ImportFinished(new ImportEvent(dataset, now, entries.Sum(e => e.ItemCount), 0, $"{by} (outside this server)"));
        analysis.Changed(dataset);
    }
}
