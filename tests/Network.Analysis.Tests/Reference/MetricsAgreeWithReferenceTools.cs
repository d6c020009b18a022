using Network.Analysis.Brokerage;
using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Structure;

namespace Network.Analysis.Tests.Reference;

/// <summary>Every metric against the values NetworkX / R sna computed on the same graphs (see generate_expected.py).</summary>
public class MetricsAgreeWithReferenceTools
{
    private const double Exact = 1e-9;
    private const double Iterative = 1e-6;

    private static double?[] Nullable(IEnumerable<double> values) => values.Select(v => (double?)v).ToArray();

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void DegreeAndStrengthMatchNetworkX(string name)
    {
        var r = ReferenceGraph.Load(name);
        var n = r.Graph.NodeCount;
        ReferenceGraph.AssertClose(r.Values("degree"), Nullable(Enumerable.Range(0, n).Select(v => (double)r.Graph.Degree(v))), 0, "degree", r.Graph.Ids);
        ReferenceGraph.AssertClose(r.Values("strength"), Nullable(Enumerable.Range(0, n).Select(r.Graph.Strength)), Exact, "strength", r.Graph.Ids);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void ExactBetweennessClosenessAndHarmonicMatchNetworkX(string name)
    {
        var r = ReferenceGraph.Load(name);
        var result = ShortestPaths.Compute(r.Graph);
        ReferenceGraph.AssertClose(r.Values("betweenness"), Nullable(result.Betweenness), Exact, "betweenness", r.Graph.Ids);
        ReferenceGraph.AssertClose(r.Values("closeness"), Nullable(result.Closeness!), Exact, "closeness", r.Graph.Ids);
        ReferenceGraph.AssertClose(r.Values("harmonic"), Nullable(result.Harmonic!), Exact, "harmonic", r.Graph.Ids);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void SingleThreadedBetweennessIsTheSame(string name)
    {
        var r = ReferenceGraph.Load(name);
        ReferenceGraph.AssertClose(r.Values("betweenness"), Nullable(ShortestPaths.Compute(r.Graph, maxThreads: 1).Betweenness), Exact, "betweenness", r.Graph.Ids);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void PageRankMatchesNetworkX(string name)
    {
        var r = ReferenceGraph.Load(name);
        var pagerank = PageRank.Compute(r.Graph);
        ReferenceGraph.AssertClose(r.Values("pagerank"), Nullable(pagerank), Iterative, "pagerank", r.Graph.Ids);
        Assert.Equal(1.0, pagerank.Sum(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void EigenvectorMatchesNetworkXNumpy(string name)
    {
        var r = ReferenceGraph.Load(name);
        var eigenvector = Eigenvector.Compute(r.Graph);
        ReferenceGraph.AssertClose(r.Values("eigenvector"), Nullable(eigenvector), Iterative, "eigenvector", r.Graph.Ids);
        Assert.Equal(1.0, Math.Sqrt(eigenvector.Sum(x => x * x)), 1e-12);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void StructuralHolesMatchNetworkXWithNullForIsolates(string name)
    {
        var r = ReferenceGraph.Load(name);
        var holes = StructuralHoles.Compute(r.Graph);
        ReferenceGraph.AssertClose(r.Values("constraint"), holes.Constraint, Exact, "constraint", r.Graph.Ids);
        ReferenceGraph.AssertClose(r.Values("effectiveSize"), holes.EffectiveSize, Exact, "effectiveSize", r.Graph.Ids);
        ReferenceGraph.AssertClose(r.Values("efficiency"), holes.Efficiency, Exact, "efficiency", r.Graph.Ids);
        ReferenceGraph.AssertClose(r.Values("hierarchy"), holes.Hierarchy, Exact, "hierarchy", r.Graph.Ids);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.All), MemberType = typeof(ReferenceGraph))]
    public void CoreNumbersComponentsCutPointsAndBridgesMatchNetworkX(string name)
    {
        var r = ReferenceGraph.Load(name);
        ReferenceGraph.AssertClose(r.Values("coreNumber"), Nullable(Connectivity.CoreNumbers(r.Graph).Select(c => (double)c)), 0, "coreNumber", r.Graph.Ids);
        Assert.Equal(r.Root.GetProperty("components").GetInt32(), Connectivity.Components(r.Graph).Distinct().Count());

        var (points, bridges) = Connectivity.CutPointsAndBridges(r.Graph);
        var expectedPoints = r.Root.GetProperty("articulationPoints").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(expectedPoints, points.Select(p => r.Graph.Ids[p]).Order(StringComparer.Ordinal));
        var expectedBridges = r.Root.GetProperty("bridges").EnumerateArray().Select(e => $"{e[0].GetString()}|{e[1].GetString()}").Order(StringComparer.Ordinal);
        var actualBridges = bridges.Select(b => string.CompareOrdinal(r.Graph.Ids[b.U], r.Graph.Ids[b.V]) < 0 ? $"{r.Graph.Ids[b.U]}|{r.Graph.Ids[b.V]}" : $"{r.Graph.Ids[b.V]}|{r.Graph.Ids[b.U]}").Order(StringComparer.Ordinal);
        Assert.Equal(expectedBridges, actualBridges);
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.WithGroups), MemberType = typeof(ReferenceGraph))]
    public void BrokerageRolesMatchRSnaOnTheSymmetrisedGraph(string name)
    {
        var r = ReferenceGraph.Load(name);
        var roles = GouldFernandez.Compute(r.Graph, r.Groups());
        for (var v = 0; v < r.Graph.NodeCount; v++)
        {
            var sna = r.Expected(r.Graph.Ids[v]).GetProperty("snaBrokerage");
            var id = r.Graph.Ids[v];
            Assert.True(2 * roles[v].Coordinator == sna.GetProperty("w_I").GetDouble(), $"coordinator of {id}");
            Assert.True(2 * roles[v].Itinerant == sna.GetProperty("w_O").GetDouble(), $"itinerant of {id}");
            Assert.True(roles[v].Representative == sna.GetProperty("b_IO").GetDouble(), $"representative of {id}");
            Assert.True(roles[v].Gatekeeper == sna.GetProperty("b_OI").GetDouble(), $"gatekeeper of {id}");
            Assert.True(2 * roles[v].Liaison == sna.GetProperty("b_O").GetDouble(), $"liaison of {id}");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceGraph.WithGroups), MemberType = typeof(ReferenceGraph))]
    public void ModularityOfAGivenPartitionMatchesNetworkX(string name)
    {
        var r = ReferenceGraph.Load(name);
        Assert.Equal(r.Root.GetProperty("groupModularity").GetDouble(), Modularity.Of(r.Graph, r.Groups()), 1e-12);
    }
}
