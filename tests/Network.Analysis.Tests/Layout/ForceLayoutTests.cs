using Network.Analysis.Layout;
using Network.Analysis.Tests.Reference;

namespace Network.Analysis.Tests.Layout;

public class ForceLayoutTests
{
    [Fact]
    public void TheLayoutIsDeterministicFiniteAndInTheUnitSquare()
    {
        var graph = ReferenceGraph.Load("lesmis").Graph;
        var first = ForceLayout.Compute(graph, seed: 3);
        var second = ForceLayout.Compute(graph, seed: 3);
        Assert.Equal(first.X, second.X);
        Assert.All(first.X.Concat(first.Y), v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void TiedNodesEndUpCloserThanUntiedOnes()
    {
        var graph = ReferenceGraph.Load("planted").Graph;
        var p = ForceLayout.Compute(graph, seed: 1);
        double Distance(int u, int v) => Math.Sqrt(Math.Pow(p.X[u] - p.X[v], 2) + Math.Pow(p.Y[u] - p.Y[v], 2));
        var tied = graph.Edges().Average(e => Distance(e.U, e.V));
        var all = Enumerable.Range(0, 200).Select(i => Distance(i % graph.NodeCount, (i * 37 + 11) % graph.NodeCount)).Average();
        Assert.True(tied < all * 0.7, $"tied {tied:F3}, random pairs {all:F3}");
    }

    [Fact]
    public void ThePlantedCommunitiesAreDrawnApart()
    {
        var r = ReferenceGraph.Load("planted");
        var p = ForceLayout.Compute(r.Graph, seed: 1);
        var groups = r.Groups();
        var centres = groups.Distinct().Select(g => (X: Enumerable.Range(0, groups.Length).Where(v => groups[v] == g).Average(v => p.X[v]), Y: Enumerable.Range(0, groups.Length).Where(v => groups[v] == g).Average(v => p.Y[v]))).ToList();
        var spread = Enumerable.Range(0, groups.Length).Average(v => Math.Sqrt(Math.Pow(p.X[v] - centres[groups[v]].X, 2) + Math.Pow(p.Y[v] - centres[groups[v]].Y, 2)));
        var between = centres.SelectMany((a, i) => centres.Skip(i + 1).Select(b => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)))).Min();
        Assert.True(between > spread, $"closest community centres {between:F3} apart, members {spread:F3} from their centre");
    }

    [Fact]
    public void StartingFromPreviousPositionsMovesLittle()
    {
        var graph = ReferenceGraph.Load("karate").Graph;
        var before = ForceLayout.Compute(graph, seed: 1);
        var again = ForceLayout.Compute(graph, seed: 9, iterations: 20, start: before);
        var moved = Enumerable.Range(0, graph.NodeCount).Average(v => Math.Abs(before.X[v] - again.X[v]) + Math.Abs(before.Y[v] - again.Y[v]));
        Assert.True(moved < 0.1, $"moved {moved:F3} on average");
    }
}
