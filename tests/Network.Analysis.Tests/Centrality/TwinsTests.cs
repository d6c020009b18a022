using Network.Analysis.Centrality;
using Network.Analysis.Graphs;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Centrality;

/// <summary>
/// One search per class of twins must give what a search from every node gives, on graphs full of twins (project
/// cliques, partners of one hub, the two sides of a complete bipartite graph) and on graphs where nodes only nearly are
/// twins (one tie's weight differs, one tie more).
/// </summary>
public class TwinsTests
{
    private static WeightedGraph Graph(int n, IEnumerable<(int U, int V, double W)> edges) =>
        WeightedGraph.Create(Enumerable.Range(0, n).Select(i => $"n{i}").ToList(), edges);

    private static IEnumerable<(int, int, double)> Clique(IReadOnlyList<int> members, double weight) =>
        members.SelectMany((u, i) => members.Skip(i + 1).Select(v => (u, v, weight)));

    /// <summary>Projects as cliques that share some members, as CORDIS's organisations share projects.</summary>
    private static WeightedGraph Projects(bool weighted, int seed)
    {
        var random = new Random(seed);
        var edges = new Dictionary<(int, int), double>();
        const int n = 160;
        for (var project = 0; project < 40; project++)
        {
            var members = Enumerable.Range(0, random.Next(3, 12)).Select(_ => random.Next(n)).Distinct().Order().ToList();
            foreach (var (u, v, _) in Clique(members, 1))
                edges[(u, v)] = edges.GetValueOrDefault((u, v)) + (weighted ? 1 + project % 3 : 0);
        }
        return Graph(n, edges.Select(e => (e.Key.Item1, e.Key.Item2, weighted ? e.Value : 1.0)));
    }

    public static TheoryData<string, bool> Shapes => new()
    {
        { "projects", false }, { "projects", true },
        { "hub with partners", false }, { "hub with partners", true },
        { "complete bipartite", false }, { "complete bipartite", true },
        { "nearly twins", true }, { "nearly twins", false },
        { "ba", false }, { "ba", true },
    };

    private static WeightedGraph Shape(string name, bool weighted) => name switch
    {
        "projects" => Projects(weighted, 3),
        // A hub with leaves, and a second hub sharing some of them: leaves of one hub are open twins.
        "hub with partners" => Graph(30, Enumerable.Range(1, 20).Select(i => (0, i, weighted ? 1.0 + i % 2 : 1.0))
            .Concat(Enumerable.Range(15, 14).Select(i => (29, i, 1.0)))),
        "complete bipartite" => Graph(11, Enumerable.Range(0, 4).SelectMany(u => Enumerable.Range(4, 7).Select(v => (u, v, weighted ? 2.0 : 1.0)))),
        // Two cliques joined by a path; inside the first one tie weighs more (between 0 and 1), and in the second one
        // node has a tie more, so only some of their members are twins.
        "nearly twins" => Graph(16, Clique([0, 1, 2, 3, 4], 1).Select(e => e == (0, 1, 1) ? (0, 1, weighted ? 3.0 : 1.0) : e)
            .Concat(Clique([8, 9, 10, 11, 12], 1)).Concat([(4, 5, 1), (5, 6, 1), (6, 7, 1), (7, 8, 1), (12, 13, 1), (13, 14, 1), (9, 15, 1)])),
        "ba" => weighted ? WeightedGraph.Create(RandomGraphs.BarabasiAlbert(300, 2, 4).Ids, RandomGraphs.BarabasiAlbert(300, 2, 4).Edges().Select(e => (e.U, e.V, 1.0 + (e.U + e.V) % 3)))
            : RandomGraphs.BarabasiAlbert(300, 2, 4),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OneSearchPerClassOfTwinsGivesWhatOnePerNodeGives(string shape, bool weighted)
    {
        var graph = Shape(shape, weighted);
        foreach (var batches in new[] { false, true })
        {
            var every = ShortestPaths.Compute(graph, null, 0, 0, renumber: false, batches: batches && graph.IsUnweighted, twins: false);
            var once = ShortestPaths.Compute(graph, null, 0, 0, renumber: false, batches: batches && graph.IsUnweighted, twins: true);
            AssertClose(every.Betweenness, once.Betweenness);
            AssertClose(every.Closeness!, once.Closeness!);
            AssertClose(every.Harmonic!, once.Harmonic!);
            Assert.Equal(every.Sources, once.Sources);
            Assert.Equal(every.Efficiency, once.Efficiency, 1e-12);
        }
    }

    [Fact]
    public void TwinsAreThoseWithTheSameTiesToEveryoneElse()
    {
        var hub = Shape("hub with partners", weighted: true);
        var classes = Twins.Classes(hub);
        // Leaves 1..14 of hub 0 alternate weights 2 and 1: two classes; 15..20 are tied to both hubs, so apart from 1..14.
        Assert.Equal(1, classes[3]);
        Assert.Equal(2, classes[4]);
        Assert.Equal(15, classes[17]);
        Assert.Equal(16, classes[20]);
        Assert.Equal(21, classes[28]); // the second hub's own leaves
        Assert.Equal(0, classes[0]);
        Assert.Equal(29, classes[29]);

        var nearly = Shape("nearly twins", weighted: true);
        classes = Twins.Classes(nearly);
        // 0 and 1 tie more strongly to each other than to 2 and 3, and alike to everyone else: twins of each other (their
        // own tie does not tell them apart), not of 2 and 3, which are twins too.
        Assert.Equal(0, classes[1]);
        Assert.Equal(2, classes[3]);
        Assert.Equal(0, classes[0]);
        Assert.Equal(4, classes[4]); // tied onward to 5
        // 9 has a tie more (to 15), 12 onward to 13, 8 back to 7: only 10 and 11 are twins.
        Assert.Equal(10, classes[11]);
        Assert.Equal(9, classes[9]);
        Assert.Equal([0, 2, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15], classes.Distinct().Order());
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var v = 0; v < expected.Length; v++)
            Assert.True(Math.Abs(expected[v] - actual[v]) <= 1e-12 * Math.Max(1, Math.Abs(expected[v])), $"node {v}: {expected[v]:R} against {actual[v]:R}");
    }
}
