using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Network.Analysis;
using Network.Analysis.Community;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.ValueChain;
using Network.Api.Datasets;
using Network.Api.Hubs;

namespace Network.Api.Analysis;

/// <summary>
/// Caches analyses per dataset, data version and date. A write marks the dataset changed; the current (undated)
/// analysis is then recomputed in the background and announced on the hub, so the next reader finds it ready.
/// </summary>
public sealed class AnalysisService(DatasetCatalog catalog, IHubContext<NetworkHub, INetworkClient> hub, ILogger<AnalysisService> logger)
{
    public const int Seed = 42;
    private readonly ConcurrentDictionary<(string Dataset, long Version, DateOnly? AsOf), Lazy<Task<AnalysisSnapshot>>> _cache = new();

    public async Task<AnalysisSnapshot> GetAsync(string dataset, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var store = catalog.Store(dataset);
        var version = await store.GetVersionAsync(cancellationToken);
        var entry = _cache.GetOrAdd((dataset, version, asOf), _ => new Lazy<Task<AnalysisSnapshot>>(async () =>
        {
            var graph = await store.LoadGraphAsync(CancellationToken.None);
            return new AnalysisSnapshot(graph, asOf, Seed);
        }));
        var snapshot = await entry.Value;
        // Older versions of this dataset are of no further use: what they still compute stops.
        foreach (var key in _cache.Keys.Where(k => k.Dataset == dataset && k.Version < snapshot.Version))
        {
            if (_cache.TryRemove(key, out var old) && old.IsValueCreated && old.Value.IsCompletedSuccessfully)
                old.Value.Result.Dispose();
        }
        return snapshot;
    }

    // Per dataset: absent or 0 = idle, 1 = recomputing, 2 = recomputing and changed again since it started.
    private readonly ConcurrentDictionary<string, int> _recomputing = new();

    /// <summary>
    /// Called after every committed write: recompute in the background and announce it. Writes that arrive while a
    /// recomputation runs are coalesced into one more run, so a burst of edits costs two analyses, not one per edit.
    /// </summary>
    public void Changed(string dataset)
    {
        if (_recomputing.AddOrUpdate(dataset, 1, (_, state) => state == 0 ? 1 : 2) == 1)
            _ = Task.Run(() => RecomputeAsync(dataset));
    }

    private async Task RecomputeAsync(string dataset)
    {
        while (true)
        {
            try
            {
                var watch = Stopwatch.StartNew();
                var snapshot = await GetAsync(dataset);
                _ = snapshot.Metrics;
                _ = snapshot.Brokers;
                _ = snapshot.BrokersWithRankBandsAsync();
                await hub.Clients.Group(NetworkHub.Group(dataset)).AnalysisUpdated(new AnalysisEvent(dataset, snapshot.Version, watch.Elapsed.TotalMilliseconds));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background analysis of dataset {Dataset} failed", dataset);
            }
            if (_recomputing.TryUpdate(dataset, 0, 1))
                return;
            _recomputing[dataset] = 1;
        }
    }
}
