using Network.Analysis.Graphs;
using Network.Analysis.Layout;
using Network.Analysis.Projection;
using Network.Analysis.Synthetic;
using Network.Analysis.Tests.Reference;

namespace Network.Analysis.Tests.Layout;

public class MultilevelLayoutTests
{
    private static double Distance(Positions p, int u, int v) => Math.Sqrt(Math.Pow(p.X[u] - p.X[v], 2) + Math.Pow(p.Y[u] - p.Y[v], 2));

    private static WeightedGraph Synthetic300() => OrganisationProjection.Project(EcosystemGenerator.Generate(300, 42).Graph).Graph;

    [Fact]
    public void EveryNodeGetsAFinitePositionAndTheSameSeedTheSamePicture()
    {
        var graph = Synthetic300();
        var first = MultilevelLayout.Compute(graph);
        var second = MultilevelLayout.Compute(graph);
        Assert.Equal(graph.NodeCount, first.X.Length);
        Assert.All(first.X.Concat(first.Y), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(first.X, second.X);
        Assert.Equal(first.Y, second.Y);
        Assert.NotEqual(first.X, MultilevelLayout.Compute(graph, new LayoutOptions { Seed = 7 }).X);
    }

    [Fact]
    public void TiesAreShortComparedWithTheWholeDrawing()
    {
        var graph = Synthetic300();
        var ratio = MultilevelLayout.TieLengthRatio(graph, MultilevelLayout.Compute(graph));
        // Positions at random give about 1; graph-tool's sfdp reaches 0.23 on this graph (bench-layout).
        Assert.InRange(ratio, 0, 0.25);
    }

    [Fact]
    public void ThePlantedCommunitiesAreDrawnApart()
    {
        var r = ReferenceGraph.Load("planted");
        var groups = r.Groups();
        var p = MultilevelLayout.Compute(r.Graph, new LayoutOptions { Groups = groups });
        var centres = groups.Distinct().Order().Select(g => (X: Enumerable.Range(0, groups.Length).Where(v => groups[v] == g).Average(v => p.X[v]), Y: Enumerable.Range(0, groups.Length).Where(v => groups[v] == g).Average(v => p.Y[v]))).ToList();
        var spread = Enumerable.Range(0, groups.Length).Average(v => Math.Sqrt(Math.Pow(p.X[v] - centres[groups[v]].X, 2) + Math.Pow(p.Y[v] - centres[groups[v]].Y, 2)));
        var between = centres.SelectMany((a, i) => centres.Skip(i + 1).Select(b => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)))).Min();
        Assert.True(between > 1.5 * spread, $"closest community centres {between:F3} apart, members {spread:F3} from their centre");
    }

    [Fact]
    public void NoTwoNodesLieOnTopOfEachOther()
    {
        var graph = Synthetic300();
        var p = MultilevelLayout.Compute(graph);
        var closest = Enumerable.Range(0, graph.NodeCount).SelectMany(u => Enumerable.Range(u + 1, graph.NodeCount - u - 1).Select(v => Distance(p, u, v))).Min();
        Assert.True(closest > 0.2, $"closest pair {closest:F3} apart");
    }

    [Fact]
    public void SeparateComponentsStayInView()
    {
        // Two triangles and an isolated node: without a pull to the centre they would drift apart for ever.
        var graph = WeightedGraph.Create(["a", "b", "c", "d", "e", "f", "g"], [(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1)]);
        var p = MultilevelLayout.Compute(graph);
        var width = p.X.Max() - p.X.Min();
        Assert.InRange(width, 0.5, 20);
    }

    [Fact]
    public void PinnedNodesStayExactlyWhereTheyWerePut()
    {
        var graph = Synthetic300();
        var pinned = new Dictionary<int, (double X, double Y)> { [0] = (100, -50), [5] = (-80, 40) };
        var p = MultilevelLayout.Compute(graph, new LayoutOptions { Pinned = pinned });
        Assert.Equal((100.0, -50.0), (p.X[0], p.Y[0]));
        Assert.Equal((-80.0, 40.0), (p.X[5], p.Y[5]));
    }

    [Fact]
    public void AnEditMovesOnlyTheNodesItTouches()
    {
        var graph = Synthetic300();
        var before = MultilevelLayout.Compute(graph);
        // A new organisation tied to nodes 3 and 4.
        var n = graph.NodeCount;
        var grown = WeightedGraph.Create([.. graph.Ids, "new"], graph.Edges().Append((3, n, 1.0)).Append((4, n, 1.0)));
        var start = new Positions([.. before.X, double.NaN], [.. before.Y, double.NaN]);
        var after = MultilevelLayout.Continue(grown, start, new HashSet<int> { n, 3, 4 });

        for (var v = 0; v < n; v++)
        {
            if (v is 3 or 4)
                continue;
            Assert.Equal(before.X[v], after.X[v]);
            Assert.Equal(before.Y[v], after.Y[v]);
        }
        Assert.True(double.IsFinite(after.X[n]));
        Assert.True(Distance(after, n, 3) < 5 && Distance(after, n, 4) < 5, $"{Distance(after, n, 3):F2}, {Distance(after, n, 4):F2}");
    }
}
