using Network.Analysis.Domain;
using Network.Analysis.Projection;

namespace Network.Analysis.Tests.Projection;

public class OrganisationProjectionTests
{
    private static Organisation Org(string id) => new(id, id.ToUpperInvariant(), "company", "test");

    private static NetworkGraph Graph()
    {
        Node[] nodes =
        [
            Org("a"), Org("b"), Org("c"), Org("d"),
            new Agreement("fund", "Fund", "fund", "t") { ValidFrom = new DateOnly(2018, 1, 1), ValidTo = new DateOnly(2020, 12, 31) },
            new Agreement("mou", "MoU", "mou", "t") { ValidFrom = new DateOnly(2015, 1, 1) },
            new Person("p", "Ann", "t"),
            new Event("forum", "Forum", "forum", "t") { Date = new DateOnly(2019, 5, 1) },
            new City("leuven", "Leuven", "BE", "t"),
        ];
        Relationship[] relationships =
        [
            new(RelationshipType.PartyTo, "a", "fund", "t"), new(RelationshipType.PartyTo, "b", "fund", "t"), new(RelationshipType.PartyTo, "c", "fund", "t"),
            new(RelationshipType.PartyTo, "leuven", "mou", "t"), new(RelationshipType.PartyTo, "a", "mou", "t"), new(RelationshipType.PartyTo, "b", "mou", "t"),
            new(RelationshipType.WorksFor, "p", "a", "t") { Since = new DateOnly(2010, 1, 1) },
            new(RelationshipType.WorksFor, "p", "d", "t") { Role = "board member", Since = new DateOnly(2019, 1, 1) },
            new(RelationshipType.ParticipatedIn, "b", "forum", "t"), new(RelationshipType.ParticipatedIn, "d", "forum", "t"),
            new(RelationshipType.PartnersWith, "c", "d", "t") { Weight = 2.5, Kind = "supplier" },
        ];
        return new NetworkGraph(nodes, relationships, 1);
    }

    [Fact]
    public void EachSharedAgreementPersonAndEventAddsOneAndPartnershipsTheirWeight()
    {
        var network = OrganisationProjection.Project(Graph());
        Assert.Equal(4, network.Graph.NodeCount);
        var ab = network.Tie("a", "b")!;
        Assert.Equal(2, ab.Weight);
        Assert.Equal(["fund", "mou"], ab.Reasons.Select(r => r.Via).Order());
        Assert.Equal(1, network.Tie("a", "c")!.Weight);
        var ad = network.Tie("d", "a")!;
        Assert.Equal(TieKind.Person, Assert.Single(ad.Reasons).Kind);
        Assert.Equal("Ann", ad.Reasons[0].Label);
        Assert.Equal(TieKind.Event, Assert.Single(network.Tie("b", "d")!.Reasons).Kind);
        Assert.Equal(2.5, network.Tie("c", "d")!.Weight);
        Assert.Equal(2.5, network.Graph.Weight(network.Graph.IndexOf("c"), network.Graph.IndexOf("d")));
    }

    [Fact]
    public void CitiesThatSignAgreementsAreNotOrganisationsOfTheNetwork()
    {
        var network = OrganisationProjection.Project(Graph());
        Assert.Equal(-1, network.Graph.IndexOf("leuven"));
    }

    [Fact]
    public void AsOfADateOnlyWhatIsInForceCounts()
    {
        var early = OrganisationProjection.Project(Graph(), new DateOnly(2016, 6, 1));
        // Only the open-ended MoU: the fund starts in 2018, the board seat in 2019, the forum is in 2019.
        Assert.Equal(["mou"], early.Tie("a", "b")!.Reasons.Select(r => r.Via));
        Assert.Null(early.Tie("a", "c"));
        Assert.Null(early.Tie("a", "d"));
        Assert.Null(early.Tie("b", "d"));
        Assert.NotNull(early.Tie("c", "d"));

        var late = OrganisationProjection.Project(Graph(), new DateOnly(2022, 1, 1));
        Assert.Null(late.Tie("a", "c"));
        Assert.NotNull(late.Tie("a", "d"));
    }

    [Fact]
    public void TheNetworkWithoutANodeIsDerivedExactlyAsProjectingTheDataWithoutIt()
    {
        // Every node of a generated ecosystem (organisations, people, agreements, events, cities, sectors) and of the
        // small graph above, at two dates: the derived network equals a fresh projection tie for tie, weight for weight.
        var generated = Network.Analysis.Synthetic.EcosystemGenerator.Generate(60, 7).Graph;
        foreach (var graph in new[] { Graph(), generated })
        {
            foreach (DateOnly? asOf in new DateOnly?[] { null, new DateOnly(2019, 6, 1) })
            {
                var today = OrganisationProjection.Project(graph, asOf);
                foreach (var node in graph.Nodes)
                {
                    var derived = today.Without(node.Id);
                    var projected = OrganisationProjection.Project(Network.Analysis.Insights.Scenario.Without(graph, node.Id), asOf);
                    Assert.True(derived.Graph.SameAs(projected.Graph), $"without {node.Id}: the graphs differ");
                    Assert.Equal(projected.Organisations.Select(o => o.Id), derived.Organisations.Select(o => o.Id));
                    Assert.Equal(projected.Ties.Select(t => (t.A, t.B, t.Weight, string.Join(",", t.Reasons.Select(r => r.Via)))),
                        derived.Ties.Select(t => (t.A, t.B, t.Weight, string.Join(",", t.Reasons.Select(r => r.Via)))));
                }
            }
        }
    }
}
