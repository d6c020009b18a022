using Network.Analysis.Community;
using Network.Analysis.Graphs;
using Network.Analysis.Structure;
using Network.Analysis.Tests.Reference;

namespace Network.Analysis.Tests.Community;

/// <summary>Community algorithms are tested by properties, since partitions may differ between correct implementations.</summary>
public class CommunityDetectionTests
{
    private static void AssertValidPartition(WeightedGraph graph, CommunityResult result)
    {
        Assert.Equal(graph.NodeCount, result.Community.Length);
        Assert.Equal(Enumerable.Range(0, result.Count), result.Community.Distinct().Order());
        Assert.Equal(Modularity.Of(graph, result.Community), result.Modularity, 1e-12);
    }

    private static void AssertConnected(WeightedGraph graph, CommunityResult result)
    {
        foreach (var community in result.Community.Distinct())
        {
            var members = Enumerable.Range(0, graph.NodeCount).Where(v => result.Community[v] == community).ToList();
            var ids = members.Select(v => graph.Ids[v]).ToList();
            var sub = WeightedGraph.FromEdges(ids, graph.Edges()
                .Where(e => result.Community[e.U] == community && result.Community[e.V] == community)
                .Select(e => (graph.Ids[e.U], graph.Ids[e.V], e.Weight)));
            Assert.True(Connectivity.Components(sub).Distinct().Count() == 1, $"community {community} ({string.Join(",", ids)}) is not connected");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void LeidenFindsConnectedCommunitiesNoWorseThanIgraph(string name)
    {
        var r = ReferenceGraph.Load(name);
        var result = Leiden.Detect(r.Graph, seed: 1);
        AssertValidPartition(r.Graph, result);
        AssertConnected(r.Graph, result);
        var igraph = r.Root.GetProperty("igraphLeidenModularity").GetDouble();
        Assert.True(result.Modularity >= igraph - 0.005, $"modularity {result.Modularity:F4} < igraph's {igraph:F4} − 0.005");
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void LeidenIsDeterministicPerSeed(string name)
    {
        var r = ReferenceGraph.Load(name);
        Assert.Equal(Leiden.Detect(r.Graph, seed: 5).Community, Leiden.Detect(r.Graph, seed: 5).Community);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void LouvainAndLabelPropagationGiveValidPartitions(string name)
    {
        var r = ReferenceGraph.Load(name);
        var louvain = Louvain.Detect(r.Graph, seed: 1);
        AssertValidPartition(r.Graph, louvain);
        var igraph = r.Root.GetProperty("igraphLeidenModularity").GetDouble();
        Assert.True(louvain.Modularity >= igraph - 0.03, $"Louvain modularity {louvain.Modularity:F4} far below {igraph:F4}");
        var propagation = LabelPropagation.Detect(r.Graph, seed: 1);
        AssertValidPartition(r.Graph, propagation);
        AssertConnected(r.Graph, propagation);
    }

    [Fact]
    public void LeidenRecoversThePlantedPartition()
    {
        var r = ReferenceGraph.Load("planted");
        var result = Leiden.Detect(r.Graph, seed: 3);
        var nmi = NormalisedMutualInformation(r.Groups(), result.Community);
        Assert.True(nmi >= 0.9, $"NMI {nmi:F3}");
        Assert.True(NormalisedMutualInformation(r.Groups(), Louvain.Detect(r.Graph, seed: 3).Community) >= 0.9);
    }

    [Fact]
    public void AHigherResolutionGivesMoreCommunities()
    {
        var r = ReferenceGraph.Load("lesmis");
        var coarse = Leiden.Detect(r.Graph, resolution: 0.5, seed: 1);
        var fine = Leiden.Detect(r.Graph, resolution: 2.0, seed: 1);
        Assert.True(fine.Count > coarse.Count, $"{fine.Count} communities at γ=2, {coarse.Count} at γ=0.5");
    }

    [Fact]
    public void TwoCliquesJoinedByOneEdgeAreTwoCommunities()
    {
        var ids = Enumerable.Range(0, 10).Select(i => $"n{i}").ToList();
        var edges = new List<(string, string, double)>();
        for (var a = 0; a < 5; a++)
        {
            for (var b = a + 1; b < 5; b++)
            {
                edges.Add(($"n{a}", $"n{b}", 1));
                edges.Add(($"n{a + 5}", $"n{b + 5}", 1));
            }
        }
        edges.Add(("n0", "n5", 1));
        var graph = WeightedGraph.FromEdges(ids, edges);
        var result = Leiden.Detect(graph, seed: 0);
        Assert.Equal(2, result.Count);
        Assert.All(Enumerable.Range(0, 5), v => Assert.Equal(result.Community[0], result.Community[v]));
        Assert.All(Enumerable.Range(5, 5), v => Assert.Equal(result.Community[5], result.Community[v]));
    }

    /// <summary>NMI with arithmetic-mean normalisation (as scikit-learn's default).</summary>
    public static double NormalisedMutualInformation(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var n = (double)a.Count;
        var joint = a.Zip(b).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count() / n);
        var pa = a.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count() / n);
        var pb = b.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count() / n);
        var mutual = joint.Sum(kv => kv.Value * Math.Log(kv.Value / (pa[kv.Key.First] * pb[kv.Key.Second])));
        var ha = -pa.Values.Sum(p => p * Math.Log(p));
        var hb = -pb.Values.Sum(p => p * Math.Log(p));
        return ha + hb == 0 ? 1 : 2 * mutual / (ha + hb);
    }
}
