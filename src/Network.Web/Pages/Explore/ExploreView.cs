using Network.Analysis.Text;
using Network.Analysis;
using Network.Analysis.Graphs;
using Network.Analysis.Layout;
using Network.Api.Analysis;
using Network.Api.Layout;

namespace Network.Web.Pages.Explore;

public sealed record ExploreNode(string Id, string Name, string Kind, string? City, string? Country, double X, double Y, double Radius, int Community, double Betweenness, int Degree, bool Pinned)
{
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<string> Stages { get; init; } = [];
    public bool Member { get; init; }

    /// <summary>The other names search finds it by (short name, the source's spelling, other names), separated by semicolons.</summary>
    public string Aka { get; init; } = "";

    /// <summary>False when the view is as of a date and the organisation had no tie in force then (drawn dimmed).</summary>
    public bool Active { get; init; } = true;

    /// <summary>The value of every measure the drawing can be sized by (<see cref="ExploreView.SizeMeasures"/>), by key.</summary>
    public IReadOnlyDictionary<string, double> Measures { get; init; } = new Dictionary<string, double>();
}

/// <summary>A measure the explorer can size organisations by: its key (a data attribute), its name in the menu and what it means.</summary>
/// <param name="Computed">Whether the analysis has it (harmonic centrality is not computed above 20,000 organisations); always when null.</param>
public sealed record SizeMeasure(string Key, string Name, string Meaning, Func<AnalysisResult, WeightedGraph, int, double> Value, Func<AnalysisResult, bool>? Computed = null)
{
    public bool In(AnalysisResult metrics) => Computed?.Invoke(metrics) ?? true;
}

/// <param name="Unconfirmed">A partnership a survey has from one side only.</param>
public sealed record ExploreEdge(int U, int V, double Weight, string A, string B, bool Unconfirmed = false);

/// <summary>How layout units map onto the drawing's 1000 × 1000 box: drawing = offset + scale · (layout − min).</summary>
public sealed record DrawingScale(double MinX, double MinY, double Scale, double Offset);

/// <summary>
/// What the explorer draws: the organisations that pass the filters (all of them; a large dataset opens on one country),
/// or one organisation's neighbourhood, at their places on the dataset's shared map (<see cref="LayoutService"/>),
/// fitted into the drawing; size by betweenness and colour by Leiden community. Up to <see cref="SvgLimit"/> organisations
/// are drawn as SVG by the server; more are drawn on a canvas in the browser from the same view as JSON.
/// </summary>
public sealed record ExploreView(IReadOnlyList<ExploreNode> Nodes, IReadOnlyList<ExploreEdge> Edges, int Matching, int Total, long Version, DrawingScale Scale)
{
    public const int SvgLimit = 1500;
    public const int LargeDataset = 1500;

    public bool Canvas => Nodes.Count > SvgLimit;

    /// <summary>What the drawing can be sized by, in the menu's order; each has a sentence for the legend.</summary>
    public static readonly IReadOnlyList<SizeMeasure> SizeMeasures =
    [
        new("betweenness", "betweenness (brokerage)", "betweenness — the share of shortest routes between others that run through it",
            (m, _, v) => m.Betweenness![v]),
        new("degree", "number of partners", "the number of organisations it has ties with", (_, g, v) => g.Degree(v)),
        new("strength", "strength of ties", "the strength of its ties together (shared projects, agreements, people)", (_, g, v) => g.Strength(v)),
        new("harmonic", "reach (harmonic closeness)", "reach — how few steps it takes to get to everyone else", (m, _, v) => m.Harmonic?[v] ?? 0, m => m.Harmonic is not null),
        new("pagerank", "PageRank (ties to well-tied ones)", "PageRank — ties to organisations that are themselves well tied count most", (m, _, v) => m.PageRank?[v] ?? 0, m => m.PageRank is not null),
        new("effective", "effective size (non-redundant partners)", "effective size — partners that do not already know each other",
            (m, _, v) => m.StructuralHoles?.EffectiveSize[v] ?? 0, m => m.StructuralHoles is not null),
    ];

    /// <summary>The measures the menu offers for this analysis: those it has computed.</summary>
    public static IReadOnlyList<SizeMeasure> SizeMeasuresOf(AnalysisResult metrics) => SizeMeasures.Where(m => m.In(metrics)).ToList();

    /// <summary>
    /// The country a large dataset opens on: that of its best-connected organisation (KU Leuven's BE for CORDIS); null
    /// (everything) for a dataset up to <see cref="LargeDataset"/> organisations.
    /// </summary>
    public static string? OpeningCountry(AnalysisSnapshot snapshot)
    {
        var graph = snapshot.Organisations.Graph;
        return graph.NodeCount <= LargeDataset ? null : Enumerable.Range(0, graph.NodeCount).OrderByDescending(graph.Degree)
            .Select(v => snapshot.Actors.Actors[v].Country).FirstOrDefault(c => c is not null);
    }

    /// <param name="layout">The shared map; null lays out just what is shown (a record page's small neighbourhood drawing).</param>
    /// <param name="limit">At most this many organisations (the focus and the best-connected others), for a small drawing.</param>
    public static ExploreView Of(AnalysisSnapshot snapshot, DatasetLayout? layout, string? country, string? kind, string? focus, int depth, int? limit = null)
    {
        // The whole network, or a known country or kind of it, is drawn the same for every reader of this version and set
        // of pins: made once (on 50,000 organisations, half a second a request). A neighbourhood or an unknown name is not kept.
        var known = focus is null
            && (string.IsNullOrEmpty(kind) || Network.Analysis.Domain.Vocabulary.OrganisationKinds.Contains(kind))
            && (string.IsNullOrEmpty(country) || snapshot.Actors.Actors.Any(a => a.Country == country));
        if (!known)
            return Build(snapshot, layout, country, kind, focus, depth, limit);
        // Only the drawing of the latest layout and pins is kept.
        var latest = snapshot.Cached($"explore\n{country}\n{kind}\n{limit}", () => new LatestView());
        var stamp = (layout?.Version, layout?.PinStamp);
        lock (latest.Gate)
        {
            if (latest.View is null || latest.Stamp != stamp)
                (latest.View, latest.Stamp) = (Build(snapshot, layout, country, kind, focus, depth, limit), stamp);
            return latest.View;
        }
    }

    private sealed class LatestView
    {
        public readonly Lock Gate = new();
        public (long?, long?) Stamp;
        public ExploreView? View;
    }

    private static ExploreView Build(AnalysisSnapshot snapshot, DatasetLayout? layout, string? country, string? kind, string? focus, int depth, int? limit)
    {
        var network = snapshot.Organisations;
        var graph = network.Graph;
        var metrics = snapshot.Metrics;
        var cityOf = snapshot.Actors.Actors.ToDictionary(a => a.Id, a => (a.City, a.Country));

        IEnumerable<int> chosen;
        if (focus is not null && graph.IndexOf(focus) is var centre and >= 0)
        {
            chosen = Neighbourhoods.Within([centre], depth, v => graph.Neighbours(v).ToArray());
        }
        else
        {
            chosen = Enumerable.Range(0, graph.NodeCount)
                .Where(v => string.IsNullOrEmpty(country) || cityOf[graph.Ids[v]].Country == country)
                .Where(v => string.IsNullOrEmpty(kind) || network.Organisations[v].Kind == kind);
        }
        var ordered = chosen.OrderByDescending(v => graph.Ids[v] == focus).ThenByDescending(v => metrics.Betweenness![v]).ThenBy(v => graph.Ids[v], StringComparer.Ordinal).ToList();
        var matching = ordered.Count;
        var shown = limit is { } most ? ordered.Take(most).ToList() : ordered;
        var index = new Dictionary<int, int>(shown.Count);
        for (var i = 0; i < shown.Count; i++)
            index[shown[i]] = i;
        var unconfirmed = network.Ties.Where(t => t.Unconfirmed).Select(t => (t.A, t.B)).ToHashSet();
        bool Unconfirmed(string a, string b) => unconfirmed.Count > 0 && (unconfirmed.Contains((a, b)) || unconfirmed.Contains((b, a)));
        var edges = new List<ExploreEdge>();
        foreach (var u in shown)
        {
            var neighbours = graph.Neighbours(u);
            var weights = graph.NeighbourWeights(u);
            for (var i = 0; i < neighbours.Length; i++)
                if (u < neighbours[i] && index.TryGetValue(neighbours[i], out var j))
                    edges.Add(new ExploreEdge(index[u], j, weights[i], graph.Ids[u], graph.Ids[neighbours[i]], Unconfirmed(graph.Ids[u], graph.Ids[neighbours[i]])));
        }
        edges.Sort((a, b) => b.Weight.CompareTo(a.Weight));

        var at = layout is not null ? shown.Select(v => layout.Of(graph.Ids[v]) ?? (0, 0)).ToList() : OwnLayout(graph, shown, edges);
        // A small drawing of one organisation's neighbourhood keeps that organisation (ordered first) in the middle.
        var scale = layout is null && focus is not null && shown.Count > 1 && graph.Ids[shown[0]] == focus ? FitAround(at, at[0]) : Fit(at);
        var maxBetweenness = Math.Max(shown.Select(v => metrics.Betweenness![v]).DefaultIfEmpty(0).Max(), 1e-12);
        var small = shown.Count > SvgLimit ? 0.5 : 1.0;
        var nodes = shown.Select((v, i) => new ExploreNode(graph.Ids[v], network.Organisations[v].Name, network.Organisations[v].Kind,
            cityOf[graph.Ids[v]].City, cityOf[graph.Ids[v]].Country,
            scale.Offset + (at[i].X - scale.MinX) * scale.Scale, scale.Offset + (at[i].Y - scale.MinY) * scale.Scale,
            small * (3 + 14 * Math.Sqrt(metrics.Betweenness![v] / maxBetweenness)),
            metrics.Communities!.Community[v], metrics.Betweenness![v], graph.Degree(v), layout?.Pinned.Contains(graph.Ids[v]) == true)
        {
            Sectors = network.Organisations[v].Sectors,
            Stages = network.Organisations[v].Stages,
            Member = network.Organisations[v].Member,
            Aka = string.Join(';', NameSearch.NamesOf(network.Organisations[v]).Skip(1)),
            Measures = SizeMeasures.ToDictionary(m => m.Key, m => m.Value(metrics, graph, v)),
            Active = network.AsOf is null || graph.Degree(v) > 0,
        }).ToList();
        return new ExploreView(nodes, edges, matching, graph.NodeCount, snapshot.Version, scale);
    }

    private static List<(double X, double Y)> OwnLayout(WeightedGraph graph, List<int> shown, List<ExploreEdge> edges)
    {
        var sub = WeightedGraph.Create(shown.Select(v => graph.Ids[v]).ToList(), edges.Select(e => (e.U, e.V, e.Weight)));
        var positions = MultilevelLayout.Compute(sub);
        return Enumerable.Range(0, shown.Count).Select(i => (positions.X[i], positions.Y[i])).ToList();
    }

    /// <summary>The scale that puts <paramref name="centre"/> in the middle of [40, 960]² with every point inside.</summary>
    private static DrawingScale FitAround(IReadOnlyList<(double X, double Y)> points, (double X, double Y) centre)
    {
        var reach = Math.Max(points.Max(p => Math.Max(Math.Abs(p.X - centre.X), Math.Abs(p.Y - centre.Y))), 1e-9);
        return new DrawingScale(centre.X - reach, centre.Y - reach, 920 / (2 * reach), 40);
    }

    /// <summary>The scale that fits the points into [40, 960]² keeping their proportions.</summary>
    private static DrawingScale Fit(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count == 0)
            return new DrawingScale(0, 0, 1, 500);
        var (minX, maxX) = (points.Min(p => p.X), points.Max(p => p.X));
        var (minY, maxY) = (points.Min(p => p.Y), points.Max(p => p.Y));
        var extent = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-9);
        var scale = points.Count == 1 ? 1 : 920 / extent;
        // Centre the smaller side.
        var (padX, padY) = ((extent - (maxX - minX)) / 2, (extent - (maxY - minY)) / 2);
        return points.Count == 1 ? new DrawingScale(points[0].X, points[0].Y, 1, 500) : new DrawingScale(minX - padX, minY - padY, scale, 40);
    }

    private static readonly string[] Palette =
        ["#2456a6", "#d9480f", "#2b8a3e", "#ae3ec9", "#e67700", "#0c8599", "#c2255c", "#5c940d", "#3b5bdb", "#862e9c", "#a61e4d", "#087f5b"];

    public static string Colour(int community) => community < Palette.Length ? Palette[community] : "#868e96";
}
