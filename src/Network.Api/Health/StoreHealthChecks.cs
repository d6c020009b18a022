using System.Collections.Concurrent;
using Network.Api.Datasets;
using Network.Data.Storage;

namespace Network.Api.Health;

/// <summary>
/// The health of each dataset's store, checked at most once at a time per dataset and within a time budget: however
/// many probes ask at once, one check runs (and one waits to follow it, for the probes that arrived meanwhile); a check that does not answer within the budget (a Neo4j server that hangs,
/// a disk that stalls) leaves the probe with the state held from the last check, said to be that old. So /health
/// answers quickly under any load and never piles up work of its own.
/// </summary>
public sealed class StoreHealthChecks(DatasetCatalog catalog, TimeProvider clock)
{
    /// <summary>How long a probe waits for a fresh check before it answers with what is held.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a probe waits when nothing is held yet (the first check after start): long enough for an unreachable
    /// server's retries to end in their reason, rather than in "not known".
    /// </summary>
    public static readonly TimeSpan FirstBudget = TimeSpan.FromSeconds(30);

    // Per store: the check running now, and the one that follows it for probes that arrived while it ran.
    private readonly Dictionary<string, (Task<StoreHealth>? Running, Task<StoreHealth>? Next)> _checks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, (StoreHealth Health, DateTimeOffset At)> _held = new();

    public async Task<StoreHealth> CheckAsync(string dataset, CancellationToken cancellationToken)
    {
        var check = Fresh(dataset);
        var holding = _held.TryGetValue(dataset, out var held);
        var budget = holding ? Budget : FirstBudget;
        var finished = await Task.WhenAny(check, Task.Delay(budget, clock, cancellationToken)).ConfigureAwait(false);
        if (finished == check)
            return await check.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (holding)
        {
            var age = (int)(clock.GetUtcNow() - held.At).TotalSeconds;
            return held.Health with { Detail = $"{held.Health.Detail}; as checked {age} s ago — the store has not answered for {budget.TotalSeconds:0} s" };
        }
        return new StoreHealth(false, "unknown", $"the store has not answered within {budget.TotalSeconds:0} s", 0, 0, 0);
    }

    /// <summary>
    /// A check that starts no earlier than this call: the running one when none runs yet (it starts now), else the one
    /// queued to follow it — shared by every probe that arrives meanwhile. A store has at most one check running and
    /// one waiting, however many probes ask, and no probe is answered by a check that began before it asked.
    /// </summary>
    private Task<StoreHealth> Fresh(string dataset)
    {
        lock (_gate)
        {
            var (running, next) = _checks.GetValueOrDefault(dataset);
            if (running is null || running.IsCompleted)
            {
                running = Task.Run(() => RunAsync(dataset));
                _checks[dataset] = (running, null);
                return running;
            }
            if (next is null)
            {
                next = running.ContinueWith(_ => Promote(dataset), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
                _checks[dataset] = (running, next);
            }
            return next;
        }
    }

    /// <summary>The check that waited becomes the running one.</summary>
    private Task<StoreHealth> Promote(string dataset)
    {
        lock (_gate)
        {
            var started = Task.Run(() => RunAsync(dataset));
            _checks[dataset] = (started, null);
            return started;
        }
    }

    private async Task<StoreHealth> RunAsync(string dataset)
    {
        StoreHealth health;
        try
        {
            // A check of its own, not the probe's: a probe that gives up does not cut the check others share.
            health = await catalog.Store(dataset).CheckHealthAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (GraphDatabaseUnavailableException e)
        {
            health = new StoreHealth(false, "unavailable", e.Message, 0, 0, 0);
        }
        _held[dataset] = (health, clock.GetUtcNow());
        return health;
    }
}
