using System.Text.Json;

namespace Network.Data.Storage;

/// <summary>A dataset's pinned positions (id → x, y in layout units) and a stamp that changes with every change of them.</summary>
public sealed record PinnedPositions(IReadOnlyDictionary<string, double[]> Pins, long Stamp)
{
    public static readonly PinnedPositions None = new(new Dictionary<string, double[]>(), 0);
}

/// <summary>
/// The positions colleagues pinned on the map, per dataset, so everyone opening it sees the same picture: one JSON file
/// per dataset in the data folder's layouts/, replaced atomically (a temporary file, then a rename). Read once per
/// dataset and then kept in memory: every map request asks for them, and only <see cref="Change"/> writes them.
/// </summary>
public sealed class LayoutPins(string dataFolder)
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
            var path = PathOf(dataset);
            var pins = File.Exists(path) ? JsonSerializer.Deserialize<PinnedPositions>(File.ReadAllText(path), GraphJson.Options) ?? PinnedPositions.None : PinnedPositions.None;
            return _read[dataset] = pins;
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
            var path = PathOf(dataset);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(next, GraphJson.Options));
            File.Move(path + ".tmp", path, overwrite: true);
            return _read[dataset] = next;
        }
    }

    private string PathOf(string dataset) => Path.Combine(dataFolder, "layouts", dataset + ".json");
}
