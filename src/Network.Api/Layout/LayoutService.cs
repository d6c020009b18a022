using Network.Analysis;
using System.Collections.Concurrent;
using Network.Analysis.Graphs;
using Network.Analysis.Layout;
using Network.Api.Analysis;
using Network.Api.Datasets;
using Network.Data.Storage;

namespace Network.Api.Layout;

/// <summary>Every organisation's position for one data version and one set of pins.</summary>
public sealed record DatasetLayout(long Version, long PinStamp, WeightedGraph Graph, Positions Positions, IReadOnlySet<string> Pinned)
{
    public (double X, double Y)? Of(string id) => Graph.IndexOf(id) is var v and >= 0 ? (Positions.X[v], Positions.Y[v]) : null;
}

/// <summary>
/// The map of a dataset's organisation network (<see cref="MultilevelLayout"/>), computed once per data version and set of
/// pins. After an edit it continues from the last map: only new organisations and those whose ties changed move, from
/// their old places; pinned ones stay where a colleague put them.
/// </summary>
public sealed class LayoutService(DatasetCatalog catalog, AnalysisService analysis) : IDatasetWarmup
{
    /// <summary>The layout is part of what a dataset's pages need: computed in its background analysis.</summary>
    public Task WarmAsync(string dataset, CancellationToken cancellationToken) => GetAsync(dataset, cancellationToken);

    private readonly ConcurrentDictionary<(string Dataset, long Version, long Stamp), Lazy<DatasetLayout>> _cache = new();
    private readonly ConcurrentDictionary<string, DatasetLayout> _last = new();

    public LayoutPins Pins { get; } = new(catalog.State);

    public async Task<DatasetLayout> GetAsync(string dataset, CancellationToken cancellationToken)
    {
        var snapshot = await analysis.GetAsync(dataset, null, cancellationToken);
        var pins = Pins.Load(dataset);
        var entry = _cache.GetOrAdd((dataset, snapshot.Version, pins.Stamp), _ => new Lazy<DatasetLayout>(() => Compute(dataset, snapshot, pins)));
        var layout = entry.Value;
        foreach (var key in _cache.Keys.Where(k => k.Dataset == dataset && (k.Version, k.Stamp).CompareTo((layout.Version, layout.PinStamp)) < 0))
            _cache.TryRemove(key, out _);
        return layout;
    }

    private DatasetLayout Compute(string dataset, AnalysisSnapshot snapshot, PinnedPositions pins)
    {
        var graph = snapshot.Organisations.Graph;
        var pinned = new Dictionary<int, (double X, double Y)>();
        foreach (var (id, p) in pins.Pins)
            if (graph.IndexOf(id) is var v and >= 0 && p.Length == 2 && double.IsFinite(p[0]) && double.IsFinite(p[1]))
                pinned[v] = (p[0], p[1]);
        var options = new LayoutOptions { Groups = snapshot.Communities.Community, Pinned = pinned };
        var positions = _last.TryGetValue(dataset, out var last) && last.Graph.NodeCount > 0
            ? Continue(last, graph, pinned, options)
            : MultilevelLayout.Compute(graph, options);
        var layout = new DatasetLayout(snapshot.Version, pins.Stamp, graph, positions, pinned.Keys.Select(v => graph.Ids[v]).ToHashSet());
        _last.AddOrUpdate(dataset, layout, (_, existing) => (existing.Version, existing.PinStamp).CompareTo((layout.Version, layout.PinStamp)) <= 0 ? layout : existing);
        return layout;
    }

    private static Positions Continue(DatasetLayout last, WeightedGraph graph, Dictionary<int, (double X, double Y)> pinned, LayoutOptions options)
    {
        var n = graph.NodeCount;
        var (x, y) = (new double[n], new double[n]);
        var movable = new HashSet<int>();
        for (var v = 0; v < n; v++)
        {
            var before = last.Graph.IndexOf(graph.Ids[v]);
            (x[v], y[v]) = before >= 0 ? (last.Positions.X[before], last.Positions.Y[before]) : (double.NaN, double.NaN);
            if (before < 0 || !SameTies(last.Graph, before, graph, v) || (last.Pinned.Contains(graph.Ids[v]) && !pinned.ContainsKey(v)))
                movable.Add(v);
        }
        return MultilevelLayout.Continue(graph, new Positions(x, y), movable, options);
    }

    private static bool SameTies(WeightedGraph a, int u, WeightedGraph b, int v)
    {
        if (a.Degree(u) != b.Degree(v))
            return false;
        var theirs = a.Neighbours(u).ToArray().Select(w => a.Ids[w]).ToHashSet(StringComparer.Ordinal);
        foreach (var w in b.Neighbours(v))
            if (!theirs.Contains(b.Ids[w]))
                return false;
        return true;
    }
}
