using Network.Analysis.Graphs;
using Network.Analysis.Layout;
using Network.Api.Analysis;

namespace Network.Web.Pages.Explore;

public sealed record ExploreNode(string Id, string Name, string Kind, string? City, string? Country, double X, double Y, double Radius, int Community, double Betweenness, int Degree, bool Label);

public sealed record ExploreEdge(double X1, double Y1, double X2, double Y2, double Weight, string A, string B);

/// <summary>
/// What the explorer draws: the organisations that pass the filters (all of a small dataset; one country of a large
/// one by default), at most <see cref="MaxNodes"/> of them (the best connected), their ties, a seeded force layout,
/// size by betweenness and colour by Leiden community. A focus shows one organisation's neighbourhood instead.
/// </summary>
public sealed record ExploreView(IReadOnlyList<ExploreNode> Nodes, IReadOnlyList<ExploreEdge> Edges, int Matching, int Total, long Version)
{
    public const int MaxNodes = 600;
    public const int MaxEdges = 5000;
    public const int LargeDataset = 1500;

    public static ExploreView Of(AnalysisSnapshot snapshot, string? country, string? kind, string? focus, int depth)
    {
        var network = snapshot.Organisations;
        var graph = network.Graph;
        var metrics = snapshot.Metrics;
        var cityOf = snapshot.Actors.Actors.ToDictionary(a => a.Id, a => (a.City, a.Country));

        IEnumerable<int> chosen;
        if (focus is not null && graph.IndexOf(focus) is var centre and >= 0)
        {
            var reached = new HashSet<int> { centre };
            var frontier = new List<int> { centre };
            for (var hop = 0; hop < depth; hop++)
            {
                frontier = frontier.SelectMany(v => graph.Neighbours(v).ToArray()).Where(reached.Add).ToList();
            }
            chosen = reached;
        }
        else
        {
            chosen = Enumerable.Range(0, graph.NodeCount)
                .Where(v => string.IsNullOrEmpty(country) || cityOf[graph.Ids[v]].Country == country)
                .Where(v => string.IsNullOrEmpty(kind) || network.Organisations[v].Kind == kind);
        }
        var matching = chosen.ToList();
        var shown = matching.OrderByDescending(graph.Degree).ThenBy(v => graph.Ids[v], StringComparer.Ordinal).Take(MaxNodes).ToList();
        var index = shown.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var edges = shown.SelectMany(u => graph.Neighbours(u).ToArray().Zip(graph.NeighbourWeights(u).ToArray())
                .Where(p => index.ContainsKey(p.First) && u < p.First).Select(p => (U: index[u], V: index[p.First], W: p.Second)))
            .OrderByDescending(e => e.W).Take(MaxEdges).ToList();
        var sub = WeightedGraph.Create(shown.Select(v => graph.Ids[v]).ToList(), edges.Select(e => (e.U, e.V, e.W)));
        var layout = ForceLayout.Compute(sub, seed: 42, iterations: shown.Count > 300 ? 150 : 300);

        var maxBetweenness = Math.Max(shown.Select(v => metrics.Betweenness![v]).DefaultIfEmpty(0).Max(), 1e-12);
        var labelled = shown.OrderByDescending(v => metrics.Betweenness![v]).Take(15).ToHashSet();
        var nodes = shown.Select((v, i) => new ExploreNode(graph.Ids[v], network.Organisations[v].Name, network.Organisations[v].Kind,
            cityOf[graph.Ids[v]].City, cityOf[graph.Ids[v]].Country,
            40 + layout.X[i] * 920, 40 + layout.Y[i] * 920, 3 + 14 * Math.Sqrt(metrics.Betweenness![v] / maxBetweenness),
            metrics.Communities!.Community[v], metrics.Betweenness![v], graph.Degree(v), labelled.Contains(v))).ToList();
        var drawn = edges.Select(e => new ExploreEdge(nodes[e.U].X, nodes[e.U].Y, nodes[e.V].X, nodes[e.V].Y, e.W, nodes[e.U].Id, nodes[e.V].Id)).ToList();
        return new ExploreView(nodes, drawn, matching.Count, graph.NodeCount, snapshot.Version);
    }

    private static readonly string[] Palette =
        ["#2456a6", "#d9480f", "#2b8a3e", "#ae3ec9", "#e67700", "#0c8599", "#c2255c", "#5c940d", "#3b5bdb", "#862e9c", "#a61e4d", "#087f5b"];

    public static string Colour(int community) => community < Palette.Length ? Palette[community] : "#868e96";
}
