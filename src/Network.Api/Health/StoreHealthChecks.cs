using System.Collections.Concurrent;
using Network.Api.Datasets;
using Network.Data.Storage;

namespace Network.Api.Health;

/// <summary>
/// The health of each dataset's store, checked at most once at a time per dataset and within a time budget: however
/// many probes ask at once, one check runs; a check that does not answer within the budget (a Neo4j server that hangs,
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

    private readonly ConcurrentDictionary<string, Task<StoreHealth>> _running = new();
    private readonly ConcurrentDictionary<string, (StoreHealth Health, DateTimeOffset At)> _held = new();

    public async Task<StoreHealth> CheckAsync(string dataset, CancellationToken cancellationToken)
    {
        var check = _running.GetOrAdd(dataset, name => Task.Run(() => RunAsync(name)));
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

    private async Task<StoreHealth> RunAsync(string dataset)
    {
        try
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
        finally
        {
            _running.TryRemove(dataset, out _);
        }
    }
}
