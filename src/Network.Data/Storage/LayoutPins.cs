namespace Network.Data.Storage;

/// <summary>A dataset's pinned positions (id → x, y in layout units) and a stamp that changes with every change of them.</summary>
public sealed record PinnedPositions(IReadOnlyDictionary<string, double[]> Pins, long Stamp)
{
    public static readonly PinnedPositions None = new(new Dictionary<string, double[]>(), 0);
}

/// <summary>
/// The positions colleagues pinned on the map, per dataset, so everyone opening it sees the same picture: one document
/// per dataset in the server's state (layouts/{dataset}.json). Read once per dataset and then kept in memory: every map
/// request asks for them, and only <see cref="Change"/> writes them.
/// </summary>
public sealed class LayoutPins(ServerState state)
{
    public const int MaxPins = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PinnedPositions> _read = new(StringComparer.Ordinal);

    public PinnedPositions Load(string dataset)
    {
        lock (_gate)
        {
            if (_read.TryGetValue(dataset, out var known))
                return known;
            return _read[dataset] = state.Read<PinnedPositions>(DocumentOf(dataset)) ?? PinnedPositions.None;
        }
    }

    /// <summary>Pins (a position) or unpins (null) the given nodes; returns the new state.</summary>
    public PinnedPositions Change(string dataset, IReadOnlyDictionary<string, double[]?> changes)
    {
        lock (_gate)
        {
            var current = Load(dataset);
            var pins = new Dictionary<string, double[]>(current.Pins, StringComparer.Ordinal);
            foreach (var (id, position) in changes)
            {
                if (position is null)
                    pins.Remove(id);
                else
                    pins[id] = position;
            }
            if (pins.Count > MaxPins)
                throw new ArgumentException($"At most {MaxPins:N0} positions can be pinned in a dataset.");
            var next = new PinnedPositions(pins, current.Stamp + 1);
            state.Write(DocumentOf(dataset), next);
            return _read[dataset] = next;
        }
    }

    private static string DocumentOf(string dataset) => $"layouts/{dataset}.json";
}
