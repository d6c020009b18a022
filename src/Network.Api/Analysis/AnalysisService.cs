using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
/// <summary>Something else a dataset's pages need, computed in its background analysis (the layout).</summary>
public interface IDatasetWarmup
{
    Task WarmAsync(string dataset, CancellationToken cancellationToken);
}

public sealed class AnalysisService(DatasetCatalog catalog, IHubContext<NetworkHub, INetworkClient> hub, ILogger<AnalysisService> logger, IServiceProvider services,
    Microsoft.Extensions.Configuration.IConfiguration configuration) : IDisposable
{
    // Stops background analysis when the application stops: what runs then is of use to nobody.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Ends background work: later steps are not started and every cached analysis is released.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var key in _cache.Keys)
        {
            if (_cache.TryRemove(key, out var old) && old.IsValueCreated && old.Value.IsCompletedSuccessfully)
                old.Value.Result.Dispose();
        }
        _stopping.Dispose();
    }

    public const int Seed = 42;
    private readonly ConcurrentDictionary<(string Dataset, long Version, DateOnly? AsOf), Lazy<Task<AnalysisSnapshot>>> _cache = new();

    /// <summary>How many dated analyses (?asOf=…) are kept, over all datasets; the least recently used goes first. The current analysis of every dataset is always kept.</summary>
    public int DatedAnalysesKept { get; } = Math.Max(1, configuration.GetValue("Analysis:DatedAnalysesKept", 4));

    private readonly ConcurrentDictionary<(string Dataset, long Version, DateOnly? AsOf), long> _lastUsed = new();
    private long _clock;

    public async Task<AnalysisSnapshot> GetAsync(string dataset, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var store = catalog.Store(dataset);
        var version = await store.GetVersionAsync(cancellationToken);
        var key = (dataset, version, asOf);
        _lastUsed[key] = Interlocked.Increment(ref _clock);
        if (asOf is not null)
            EvictDated();
        var entry = _cache.GetOrAdd(key, _ => new Lazy<Task<AnalysisSnapshot>>(async () =>
        {
            var graph = await store.LoadGraphAsync(CancellationToken.None);
            return new AnalysisSnapshot(graph, asOf, Seed, catalog.Find(dataset)?.HomeRegion);
        }));
        var snapshot = await entry.Value;
        // Older versions of this dataset are of no further use: what they still compute stops.
        foreach (var old in _cache.Keys.Where(k => k.Dataset == dataset && k.Version < snapshot.Version))
        {
            _lastUsed.TryRemove(old, out _);
            if (_cache.TryRemove(old, out var retired) && retired.IsValueCreated && retired.Value.IsCompletedSuccessfully)
                retired.Value.Result.Dispose();
        }
        return snapshot;
    }

    /// <summary>How far the background analysis of a dataset's current version has come.</summary>
    public sealed record Readiness(bool Ready, int Percent, string Step);

    private readonly ConcurrentDictionary<string, (long Version, int Percent, string Step)> _progress = new();

    /// <summary>
    /// Whether what the dataset's pages need is computed for its current version ("ready"), and how far it is;
    /// starts the background analysis when nothing has been computed for that version yet (after a restart).
    /// </summary>
    public async Task<Readiness> ReadinessAsync(string dataset, CancellationToken cancellationToken = default) =>
        ReadinessOf(dataset, await catalog.Store(dataset).GetVersionAsync(cancellationToken));

    /// <summary>The same for a version the caller has read already (a page's snapshot): no second read of the store.</summary>
    public Readiness ReadinessOf(string dataset, long version)
    {
        if (_progress.TryGetValue(dataset, out var p) && p.Version == version)
            return new Readiness(p.Percent == 100, p.Percent, p.Step);
        // Computed, not announced: only a write's own call announces, after its change events went out.
        Changed(dataset, announce: false);
        return new Readiness(false, 0, "waiting");
    }

    /// <summary>The data version of the dataset's latest finished background analysis; 0 while none has finished.</summary>
    public long AnalysedVersion(string dataset) =>
        _progress.TryGetValue(dataset, out var p) && p.Percent == 100 ? p.Version : 0;

    /// <summary>The home region of a dataset changed: its analyses are recomputed with it.</summary>
    public void HomeRegionChanged(string dataset)
    {
        foreach (var key in _cache.Keys.Where(k => k.Dataset == dataset))
        {
            if (_cache.TryRemove(key, out var old) && old.IsValueCreated && old.Value.IsCompletedSuccessfully)
                old.Value.Result.Dispose();
        }
        _progress.TryRemove(dataset, out _);
        Changed(dataset);
    }

    /// <summary>Memory stays bounded however many dates are asked for: beyond the limit, the dated analysis used longest ago is released.</summary>
    private void EvictDated()
    {
        lock (_evicting)
        {
            var dated = _lastUsed.Where(x => x.Key.AsOf is not null).OrderBy(x => x.Value).ToList();
            foreach (var (key, _) in dated.Take(Math.Max(0, dated.Count - DatedAnalysesKept)))
            {
                _lastUsed.TryRemove(key, out _);
                if (_cache.TryRemove(key, out var old) && old.IsValueCreated && old.Value.IsCompletedSuccessfully)
                    old.Value.Result.Dispose();
            }
        }
    }

    private readonly Lock _evicting = new();

    /// <summary>How many dated analyses are held now (at most <see cref="DatedAnalysesKept"/>).</summary>
    public int DatedAnalysesHeld => _cache.Keys.Count(k => k.AsOf is not null);

    // Per dataset: a write asked for the next computation to be announced.
    private readonly ConcurrentDictionary<string, bool> _announce = new();

    // Per dataset: absent or 0 = idle, 1 = recomputing, 2 = recomputing and changed again since it started.
    private readonly ConcurrentDictionary<string, int> _recomputing = new();

    /// <summary>
    /// Called after every committed write: recompute in the background and announce it. Writes that arrive while a
    /// recomputation runs are coalesced into one more run, so a burst of edits costs two analyses, not one per edit.
    /// </summary>
    /// <param name="announce">
    /// Whether to announce the result on the hub (AnalysisUpdated). A write asks for it after it has sent its change
    /// events, so a page hears what changed before it hears that the analysis is new; a page asking whether the
    /// analysis is ready only starts the computation.
    /// </param>
    public void Changed(string dataset, bool announce = true)
    {
        if (_stopping.IsCancellationRequested)
            return;
        if (announce)
            _announce[dataset] = true;
        if (_recomputing.AddOrUpdate(dataset, 1, (_, state) => state == 0 ? 1 : 2) == 1)
            _ = Task.Run(() => RecomputeAsync(dataset));
    }

    /// <summary>From this many organisations a dataset is large: its betweenness is estimated and its slow pages are warmed.</summary>
    public const int LargeNetwork = Network.Analysis.Insights.BrokerProfiles.SampledAbove;

    /// <summary>
    /// Computes, in order of need, what the dataset's pages read, and records the progress: metrics, brokers,
    /// communities, value chains and introductions, the what-if of the ten leading brokers, the report and the default
    /// comparison between dates, the layout, then the rank bands.
    /// </summary>
    private async Task WarmAsync(string dataset, AnalysisSnapshot snapshot)
    {
        var stopping = _stopping.Token;
        void Step(int percent, string step)
        {
            stopping.ThrowIfCancellationRequested();
            _progress[dataset] = (snapshot.Version, percent, step);
        }
        Step(5, "metrics");
        await Task.Run(() => snapshot.Metrics);
        Step(30, "brokers");
        await Task.Run(() => snapshot.Brokers);
        Step(40, "communities");
        await Task.Run(() =>
        {
            _ = snapshot.CommunityLabels;
            _ = snapshot.CommunityStability;
            // A large network's people's broker stability (the brokers page for people, the report): Leiden runs on
            // every organisation and person.
            if (snapshot.Actors.Graph.NodeCount > LargeNetwork && snapshot.Actors.Actors.Any(a => a.Label == NodeLabel.Person))
                _ = snapshot.ActorStability;
        });
        Step(50, "value chains");
        await Task.Run(() => snapshot.Introductions(null));
        Step(60, "what-if");
        await Task.Run(() => snapshot.SinglePointsOfFailure);
        // One place at the heavy-work gate per broker, waited for like a page's request: a page asking for a what-if
        // meanwhile takes its turn between two brokers instead of waiting for all ten.
        foreach (var broker in snapshot.Brokers.Where(b => b.Label == nameof(NodeLabel.Organisation)).Take(10))
            await snapshot.HeavyAsync(s => (s.WhatIf(broker.Id), s.WithoutActor(broker.Id)), stopping);
        // A large network's board report and the comparison over the last three years as the Compare page opens it
        // (two projections and their betweenness: seconds there; a smaller network's take a moment on first reading,
        // and warming them would only take the processor from the what-ifs above on a shared server).
        if (snapshot.Organisations.Graph.NodeCount > LargeNetwork)
        {
            Step(65, "report");
            await Task.Run(() =>
            {
                _ = snapshot.Report;
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                _ = snapshot.Compare(today.AddYears(-3), today);
            });
        }
        Step(70, "layout");
        foreach (var warmup in services.GetServices<IDatasetWarmup>())
            await warmup.WarmAsync(dataset, CancellationToken.None);
        Step(75, "rank bands");
        await snapshot.BrokersWithRankBandsAsync();
        Step(100, "ready");
    }

    private async Task RecomputeAsync(string dataset)
    {
        while (true)
        {
            try
            {
                var watch = Stopwatch.StartNew();
                var announce = _announce.TryRemove(dataset, out var asked) && asked;
                var snapshot = await GetAsync(dataset);
                await WarmAsync(dataset, snapshot);
                if (announce)
                    await hub.Clients.Group(NetworkHub.Group(dataset)).AnalysisUpdated(new AnalysisEvent(dataset, snapshot.Version, watch.Elapsed.TotalMilliseconds));
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return; // the application is stopping
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
