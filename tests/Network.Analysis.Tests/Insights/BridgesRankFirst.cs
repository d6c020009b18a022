using Network.Analysis;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;

namespace Network.Analysis.Tests.Insights;

/// <summary>
/// Ecosystems built with a known answer: two clusters — health technology (11 organisations: a research institute tied
/// to all ten others, who are tied in a ring) and robotics (6, all tied) — and a partner outside tied only to the
/// institute. The institute is a strong local broker (many open pairs, low constraint); it cuts off one partner.
/// Whoever alone joins the clusters is the broker the ecosystem cannot lose and must rank above it.
/// </summary>
public class BridgesRankFirst
{
    private static NetworkGraph Ecosystem(params string[] bridges)
    {
        var nodes = new List<Node>
        {
            new Sector("sec-health", "Health technology", "t"),
            new Sector("sec-robotics", "Robotics", "t"),
            new City("city-leuven", "Leuven", "BE", "t"),
            new City("city-gent", "Gent", "BE", "t"),
            new Organisation("org-partner", "Outside partner", "company", "t") { Sectors = ["sec-health"] },
        };
        var relationships = new List<Relationship>();
        void Tie(string a, string b) => relationships.Add(new Relationship(RelationshipType.PartnersWith, a, b, "t"));
        var health = Enumerable.Range(1, 11).Select(i => i == 3 ? "org-institute" : $"org-h{i}").ToList();
        var robotics = Enumerable.Range(1, 6).Select(i => $"org-r{i}").ToList();
        foreach (var id in health)
        {
            nodes.Add(new Organisation(id, id, id == "org-institute" ? "research-institute" : "company", "t") { Sectors = ["sec-health"] });
            relationships.Add(new Relationship(RelationshipType.LocatedIn, id, "city-leuven", "t"));
        }
        foreach (var id in robotics)
        {
            nodes.Add(new Organisation(id, id, "company", "t") { Sectors = ["sec-robotics"] });
            relationships.Add(new Relationship(RelationshipType.LocatedIn, id, "city-gent", "t"));
        }
        var ring = health.Where(h => h != "org-institute").ToList();
        for (var i = 0; i < ring.Count; i++)
        {
            Tie("org-institute", ring[i]);
            Tie(ring[i], ring[(i + 1) % ring.Count]);
        }
        for (var i = 0; i < robotics.Count; i++)
        {
            for (var j = i + 1; j < robotics.Count; j++)
                Tie(robotics[i], robotics[j]);
        }
        Tie("org-institute", "org-partner");
        foreach (var (bridge, at) in bridges.Select((b, i) => (b, i)))
        {
            nodes.Add(new Organisation(bridge, bridge, "intermediary", "t"));
            // One tie into each cluster: a bridge with a single open pair and a high constraint.
            Tie(bridge, ring[at * 5]);
            Tie(bridge, robotics[at]);
        }
        return new NetworkGraph(nodes, relationships, 1);
    }

    private static List<string> Ranking(NetworkGraph graph) =>
        new AnalysisSnapshot(graph, null, 42).Brokers.Where(p => p.Label == "Organisation").Select(p => p.Id).ToList();

    [Fact]
    public void TheSoleBridgeBetweenTwoClustersRanksAboveTheBrokerInsideOne()
    {
        var ranking = Ranking(Ecosystem("org-bridge"));
        // The bridge and the two organisations it ties to each split the ecosystem if they leave; they lead.
        Assert.Equal(["org-bridge", "org-h1", "org-r1"], ranking.Take(3).Order());
        Assert.True(ranking.IndexOf("org-bridge") < ranking.IndexOf("org-institute"), string.Join(", ", ranking.Take(5)));
    }

    [Fact]
    public void TwoParallelBridgesRankAboveEveryOrdinaryMemberOfEitherCluster()
    {
        // Neither bridge is indispensable here, so the hub of the health cluster may lead; the bridges still come before
        // every member that only links its own cluster (all but the four organisations the bridges attach to).
        var ranking = Ranking(Ecosystem("org-bridge-a", "org-bridge-b"));
        string[] attached = ["org-h1", "org-h7", "org-r1", "org-r2", "org-institute", "org-bridge-a", "org-bridge-b"];
        var firstOrdinary = ranking.FindIndex(id => !attached.Contains(id) && id != "org-partner");
        Assert.True(ranking.IndexOf("org-bridge-a") < firstOrdinary, string.Join(", ", ranking.Take(8)));
        Assert.True(ranking.IndexOf("org-bridge-b") < firstOrdinary, string.Join(", ", ranking.Take(8)));
    }

    [Fact]
    public void WithoutABridgeTheLocalBrokerLeads()
    {
        var ranking = Ranking(Ecosystem());
        Assert.Equal("org-institute", ranking[0]);
    }
}

public class PeopleRanks
{
    [Fact]
    public void PeopleWhoBrokerAreRankedOneTwoThreeWithoutGaps()
    {
        var graph = Network.Analysis.Synthetic.EcosystemGenerator.Generate(60, 42).Graph;
        var people = new AnalysisSnapshot(graph, null, 42).Brokers.Where(p => p.Label == "Person" && p.OpenPairs > 0).Select(p => p.Rank).ToList();
        Assert.NotEmpty(people);
        Assert.Equal(Enumerable.Range(1, people.Count), people);
    }
}
