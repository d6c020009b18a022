using Network.Analysis.Centrality;
using Network.Analysis.Domain;
using Network.Analysis.Graphs;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.Synthetic;
using Network.Analysis.ValueChain;

namespace Network.Analysis.Tests.Insights;

/// <summary>
/// The what-if's short ways — the graph copied without a node, the value chains with one actor left out, efficiency
/// from the betweenness pass — give what the long ways give: the data without the actor read and projected again.
/// </summary>
public class WhatIfShortcutsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(299)]
    public void AGraphWithoutANodeIsTheGraphBuiltFromTheRest(int removed)
    {
        var graph = RandomGraphs.BarabasiAlbert(300, 3, 9);
        var weighted = WeightedGraph.Create(graph.Ids, graph.Edges().Select(e => (e.U, e.V, 1.0 + (e.U * 7 + e.V) % 5)));
        foreach (var g in new[] { graph, weighted })
        {
            var rest = g.Ids.Where((_, v) => v != removed).ToList();
            var built = WeightedGraph.FromEdges(rest, g.Edges().Where(e => e.U != removed && e.V != removed).Select(e => (g.Ids[e.U], g.Ids[e.V], e.Weight)));
            var copied = g.WithoutNode(removed);
            Assert.True(built.SameAs(copied), $"without node {removed}: the copy differs from the graph built from the rest");
            Assert.Equal(g.EdgeCount - g.Degree(removed), copied.EdgeCount);
        }
    }

    [Theory]
    [InlineData(120, 42)]
    [InlineData(300, 7)]
    public void TheValueChainsWithAnActorLeftOutAreThoseOfTheDataWithoutIt(int members, int seed)
    {
        var graph = EcosystemGenerator.Generate(members, seed).Graph;
        var network = OrganisationProjection.Project(graph);
        var home = Gaps.DefaultHomeRegion(graph);
        var inputs = ChainInputs.Of(graph);
        var today = Gaps.Analyse(inputs, network, home);
        Assert.Equal(Shown(Gaps.Analyse(graph, network, home)), Shown(today));

        // Organisations placed in many sectors and few, a city with organisations, people, events and agreements.
        var organisations = graph.OfType<Organisation>().ToList();
        var placed = ChainPositions.Of(graph).Positions.GroupBy(p => p.Organisation).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        var gone = new List<Node>();
        gone.AddRange(placed.Take(6).Concat(placed.TakeLast(3)).Select(id => organisations.First(o => o.Id == id)));
        gone.AddRange(graph.OfType<City>().Where(c => graph.Relationships.Count(r => r.Type == RelationshipType.LocatedIn && r.To == c.Id) > 2).Take(3));
        gone.AddRange(graph.OfType<Person>().Take(3));
        gone.AddRange(graph.OfType<Event>().Take(2));
        gone.AddRange(graph.OfType<Agreement>().Take(2));
        Assert.Contains(gone, n => n is City);
        foreach (var node in gone)
        {
            var without = Scenario.Without(graph, node.Id);
            var after = network.Without(node.Id);
            var expected = Shown(Gaps.Analyse(without, after, home));
            Assert.Equal(expected, Shown(Gaps.Analyse(inputs.Without(node, () => without), after, home)));
            Assert.Equal(expected, Shown(Gaps.Analyse(inputs.Without(node, () => without), after, home, today)));
        }
    }

    [Fact]
    public void EfficiencyFromTheBetweennessPassIsTheMeanOfOneOverEveryDistance()
    {
        var graph = EcosystemGenerator.Generate(150, 3).Graph;
        var network = OrganisationProjection.Project(graph).Graph;
        var n = network.NodeCount;
        var search = ShortestPaths.DistanceSearches(network)();
        var sum = Enumerable.Range(0, n).Sum(s => search.From(s).Where(d => d > 0 && double.IsFinite(d)).Sum(d => 1 / d));
        Assert.Equal(sum / (n * (n - 1.0)), ShortestPaths.Compute(network).Efficiency, 12);

        // Sampled: the mean over the sampled sources, the same sources betweenness is estimated from.
        var sampled = ShortestPaths.Compute(network, samples: 40, seed: 5);
        Assert.Equal(40, sampled.Sources);
        Assert.InRange(sampled.Efficiency, 0.5 * sum / (n * (n - 1.0)), 1.5 * sum / (n * (n - 1.0)));
        var measured = new BetweennessAfterChange(network, null, 42);
        Assert.Equal(ShortestPaths.Compute(network).Efficiency, measured.Efficiency, 12);
        Assert.Equal(measured.Efficiency, measured.After(network).Efficiency, 12);
    }

    [Theory]
    [InlineData(150, 42)]
    [InlineData(2500, 5)] // above 2,000 organisations: betweenness and efficiency from 200 sampled sources
    public void TheWhatIfPagesComparisonIsTheOneOfTheDataWithoutTheActor(int members, int seed)
    {
        var graph = EcosystemGenerator.Generate(members, seed).Graph;
        using var snapshot = new AnalysisSnapshot(graph, null, 42);
        var today = Scenario.Today(graph, null, Gaps.DefaultHomeRegion(graph), 42, snapshot.Organisations, snapshot.Metrics.Betweenness);
        var network = snapshot.Organisations.Graph;
        var hub = network.Ids[Enumerable.Range(0, network.NodeCount).MaxBy(network.Degree)];
        var actors = new List<string> { hub, graph.OfType<Person>().First().Id, graph.OfType<City>().First().Id, graph.OfType<Agreement>().First().Id };
        foreach (var id in actors)
        {
            var expected = Scenario.Compare(today, Scenario.Without(graph, id), null, Gaps.DefaultHomeRegion(graph));
            var shown = snapshot.WithoutActor(id);
            Assert.Equal(Described(expected.Today), Described(shown.Today));
            Assert.Equal(Described(expected.Changed), Described(shown.Changed));
            Assert.Equal(expected.GapsOpened, shown.GapsOpened);
            Assert.Equal(expected.GapsClosed, shown.GapsClosed);
            Assert.Equal(expected.GapsWorsened, shown.GapsWorsened);
            Assert.Equal(expected.EmptiedSectors, shown.EmptiedSectors);
            Assert.Equal(expected.Sampled, shown.Sampled);
        }
    }

    [Fact]
    public void AWhatIfAlreadyWorkedOutIsAtHandWithoutWaitingForOne()
    {
        var graph = EcosystemGenerator.Generate(120, 42).Graph;
        using var snapshot = new AnalysisSnapshot(graph, null, 42);
        var id = snapshot.Organisations.Graph.Ids[0];
        Assert.Null(snapshot.WhatIfIfComputed(id));
        var report = snapshot.WhatIf(id);
        Assert.Same(report, snapshot.WhatIfIfComputed(id));
        Assert.Null(snapshot.WhatIfIfComputed(snapshot.Organisations.Graph.Ids[1]));
    }

    /// <summary>A side as the page shows it, values to 12 decimals: a city's departure changes no tie, so the what-if keeps
    /// today's values where the long way measures today's plus a change of zero (equal but for the last bit).</summary>
    private static string Described(ScenarioSide side) =>
        $"{side.Organisations} {side.Ties} {side.Parts} {side.ConnectedPairs} {side.Efficiency:F12} "
        + string.Join(";", side.TopBrokers.Select(b => $"{b.Id}={b.After:F12}")) + " | " + string.Join(";", side.Gaps);

    /// <summary>Everything a page shows of the chains: sectors, each stage's actors and each gap with its reason.</summary>
    private static List<string> Shown(IReadOnlyList<SectorChain> chains) =>
        chains.SelectMany(c => c.Stages.Select(s => $"{c.SectorName} {s.Stage}: {string.Join(",", s.InRegion.Select(a => $"{a.Id}/{a.City}/{a.DerivedBy}"))} | {string.Join(",", s.External.Select(a => $"{a.Id}/{a.City}"))}")
            .Concat(c.Gaps.Select(g => $"{Gaps.Describe(g)}: {g.Explanation}"))).ToList();
}
