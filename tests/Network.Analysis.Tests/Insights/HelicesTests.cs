using Network.Analysis.Community;
using Network.Analysis.Graphs;
using Network.Analysis.Insights;

namespace Network.Analysis.Tests.Insights;

public class HelicesTests
{
    // Two universities tied to each other, two companies tied to each other, one tie across.
    private static readonly WeightedGraph Graph = WeightedGraph.FromEdges(["u1", "u2", "c1", "c2"], [("u1", "u2", 1), ("c1", "c2", 1), ("u1", "c1", 1)]);
    private static readonly string[] Kinds = ["university", "research-institute", "company", "investor"];

    [Fact]
    public void EiIndexCountsTiesAcrossAgainstTiesWithinAndStatesWhatChanceWouldGive()
    {
        var mix = Helices.Mix(Graph, Kinds, [0, 1, 2, 3]);
        // Krackhardt & Stern: (E − I) / (E + I) = (1 − 2) / 3. Random mixing of 2 + 2: 8 of 12 ordered pairs cross, 2 · 8/12 − 1.
        Assert.Equal(-1.0 / 3, mix.EiIndex!.Value, 12);
        Assert.Equal(1.0 / 3, mix.ExpectedEi!.Value, 12);
        Assert.Equal([0.5, 0.5, 0, 0], mix.Shares);
        Assert.Contains("ties stay within their helix more than chance would", mix.Words(mix.Shares));
    }

    [Fact]
    public void AGroupIsDescribedByItsLargestHelixAndTheHelixItReachesLeast()
    {
        var overall = new[] { 0.25, 0.25, 0.25, 0.25 };
        var mix = Helices.Mix(Graph, ["university", "university", "university", "government"], [0, 1, 2]);
        Assert.StartsWith("mostly knowledge institutions (100 %)", mix.Words(overall));
        Assert.Contains("ties little to", mix.Words(overall));
    }

    [Fact]
    public void CommunitiesAreNamedByWhatSetsThemApartAndWhoLeadsThem()
    {
        var graph = WeightedGraph.FromEdges(["a", "b", "c", "x", "y", "z"],
            [("a", "b", 2), ("b", "c", 1), ("a", "c", 1), ("x", "y", 1), ("y", "z", 1), ("x", "z", 1), ("c", "x", 1)]);
        MemberTraits Uni(string name) => new(name, ["Life sciences"], "university", "BE", "Leuven");
        MemberTraits Firm(string name) => new(name, ["ICT"], "company", "CN", "Wuxi");
        var labels = CommunityLabels.Name(graph, [0, 0, 0, 1, 1, 1], [Uni("A"), Uni("B"), Uni("C"), Firm("X"), Firm("Y"), Firm("Z")]);
        Assert.Equal(2, labels.Distinct().Count());
        Assert.Equal("Life sciences · Leuven — led by A", labels[0]);
        Assert.Equal("ICT · Wuxi — led by X", labels[1]);
    }

    [Fact]
    public void EveryCommunitysMixAtOnceIsEachCommunitysMixAlone()
    {
        var network = Network.Analysis.Projection.OrganisationProjection.Project(Network.Analysis.Synthetic.EcosystemGenerator.Generate(300, 42).Graph);
        var kinds = network.Organisations.Select(o => o.Kind).ToList();
        var community = Leiden.Detect(network.Graph, seed: 1).Community;
        var each = Helices.MixOfEach(network.Graph, kinds, community);
        Assert.True(each.Count > 3);
        foreach (var (c, mix) in each)
        {
            var alone = Helices.Mix(network.Graph, kinds, Enumerable.Range(0, community.Length).Where(v => community[v] == c).ToList());
            Assert.Equal((alone.Organisations, alone.External, alone.Internal, alone.EiIndex, alone.ExpectedEi), (mix.Organisations, mix.External, mix.Internal, mix.EiIndex, mix.ExpectedEi));
            Assert.Equal(alone.Shares, mix.Shares);
            Assert.Equal(alone.TieShares, mix.TieShares);
        }
    }
}
