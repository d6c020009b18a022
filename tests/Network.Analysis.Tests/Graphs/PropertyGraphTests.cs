using Network.Analysis.Domain;
using Network.Analysis.Graphs;

namespace Network.Analysis.Tests.Graphs;

/// <summary>Traversals of the whole multi-mode graph: neighbourhoods within k hops and the shortest named chain.</summary>
public class PropertyGraphTests
{
    // A path c0 - c1 - c2 - c3 - c4 of twinned cities; two organisations in c0 that also share an agreement with a third in c4.
    private static readonly NetworkGraph Graph = new(
        [
            .. Enumerable.Range(0, 5).Select(i => (Node)new City($"c{i}", $"City {i}", "BE", "src")),
            new Organisation("a", "A", "company", "src"), new Organisation("b", "B", "company", "src"), new Organisation("z", "Z", "university", "src"),
            new Agreement("deal", "Deal", "mou", "src"),
        ],
        [
            .. Enumerable.Range(0, 4).Select(i => new Relationship(RelationshipType.TwinnedWith, $"c{i}", $"c{i + 1}", "src")),
            new Relationship(RelationshipType.LocatedIn, "a", "c0", "src"), new Relationship(RelationshipType.LocatedIn, "b", "c0", "src"),
            new Relationship(RelationshipType.LocatedIn, "z", "c4", "src"),
            new Relationship(RelationshipType.PartyTo, "b", "deal", "src"), new Relationship(RelationshipType.PartyTo, "z", "deal", "src"),
        ], 7);

    [Fact]
    public void TheNeighbourhoodHoldsEveryNodeWithinTheDepthAndTheSubgraphTheTiesAmongThem()
    {
        var graph = new PropertyGraph(Graph);
        Assert.Equal(["c1", "c2", "c3"], graph.Neighbourhood(["c2"], 1).Order());
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], graph.Neighbourhood(["c2"], 2).Order());
        Assert.Equal(["c2"], graph.Neighbourhood(["c2", "unknown"], 0));
        var sub = graph.Subgraph(graph.Neighbourhood(["c2"], 1));
        Assert.Equal(2, sub.Relationships.Count);
        Assert.Equal(7, sub.Version);
    }

    [Fact]
    public void OnTheSeedTheNeighbourhoodIsWhatABreadthFirstWalkOfTheRelationshipsReaches()
    {
        var seed = Network.Data.Formats.DataFolder.Read(Path.Combine(Network.Tests.RepositoryPaths.Root, "data", "seed"));
        var graph = new PropertyGraph(seed);
        var ends = seed.Relationships.SelectMany(r => new[] { (r.From, r.To, r), (r.To, r.From, r) }).ToLookup(e => e.Item1);
        foreach (var centre in new[] { "org-imec", "org-capricorn", "city-leuven" })
        {
            foreach (var depth in new[] { 1, 2, 3 })
            {
                foreach (var walk in new Func<Relationship, bool>?[] { null, PropertyGraph.Ties })
                {
                    var expected = Neighbourhoods.Within([centre], depth, v => ends[v].Where(e => walk?.Invoke(e.r) != false).Select(e => e.Item2));
                    Assert.Equal(expected.Order(), graph.Neighbourhood([centre], depth, walk).Order());
                }
            }
        }
    }

    [Fact]
    public void TheShortestChainNamesEachStepAndCanWalkOnlyWhatTiesOrganisations()
    {
        var graph = new PropertyGraph(Graph);
        // Through the cities: a is in c0, b too.
        var anyWay = graph.ShortestPath("a", "b");
        Assert.Equal(["a", "c0", "b"], anyWay.Select(s => s.Id));
        Assert.Null(anyWay[0].Via);
        Assert.Equal(RelationshipType.LocatedIn, anyWay[1].Via!.Type);

        // Only ties: a shared city is not a tie, so a reaches nobody; b reaches z through the agreement.
        Assert.Empty(graph.ShortestPath("a", "b", PropertyGraph.Ties));
        Assert.Equal(["b", "deal", "z"], graph.ShortestPath("b", "z", PropertyGraph.Ties).Select(s => s.Id));
        Assert.Throws<KeyNotFoundException>(() => graph.ShortestPath("a", "nobody"));
    }
}
