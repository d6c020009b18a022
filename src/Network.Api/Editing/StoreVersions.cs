using System.Collections.Concurrent;
using Network.Data.Storage;

namespace Network.Api.Editing;

/// <summary>
/// The data version this server last wrote or saw, per dataset, so that a write made outside it — `network import`
/// into the store the server shares, another server on the same Neo4j — is told apart from its own. A write and a
/// look at the version take the same per-dataset gate: the server's own write is on record before anyone looks.
/// </summary>
public sealed class StoreVersions : IDisposable
{
    /// <summary>One dataset's gate and the version known behind it (-1: none yet).</summary>
    private sealed class Entry : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Known = -1;

        public void Dispose() => Gate.Dispose();
    }

    private readonly ConcurrentDictionary<string, Entry> _datasets = new(StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var entry in _datasets.Values)
            entry.Dispose();
    }

    private Entry Of(string dataset) => _datasets.GetOrAdd(dataset, _ => new Entry());

    /// <summary>The version last written or seen of a dataset; -1 before the server has written or looked.</summary>
    public long Known(string dataset) => _datasets.TryGetValue(dataset, out var entry) ? Volatile.Read(ref entry.Known) : -1;

    /// <summary>Writes through the store and notes the version the write made as known.</summary>
    public async Task<WriteResult> WriteAsync(string dataset, INetworkStore store, GraphBatch batch, CancellationToken cancellationToken)
    {
        var entry = Of(dataset);
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var result = await store.WriteAsync(batch, cancellationToken);
            entry.Known = Math.Max(entry.Known, result.Version);
            return result;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// The versions written outside this server since it last looked (the known one, the store's now), or null when
    /// none were (the first look only notes the version).
    /// </summary>
    public async Task<(long Known, long Now)?> OutsideWritesAsync(string dataset, INetworkStore store, CancellationToken cancellationToken)
    {
        var entry = Of(dataset);
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = await store.GetVersionAsync(cancellationToken);
            var before = entry.Known;
            entry.Known = Math.Max(before, now);
            return before >= 0 && now > before ? (before, now) : null;
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
