using System.Text.Json;
using Network.Analysis.Centrality;
using Network.Analysis.Projection;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Analysis.Tests.Reference;

/// <summary>
/// The real CORDIS projection (5,271 organisations, weight = shared projects, length = 1/weight): weighted betweenness,
/// closeness and harmonic centrality of every organisation equal igraph's (tests/reference/cordis_reference.py) within
/// 1e-9 relative — which needs equal path lengths summed in different orders to count as equal.
/// </summary>
public class CordisAgreesWithIgraph
{
    private sealed record Expected(double Betweenness, double Closeness, double Harmonic);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void EveryOrganisationsPathMeasuresEqualIgraphs()
    {
        var graph = ActorNetwork.Build(DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "cordis-h2020-leuven"))).Organisations.Graph;
        var expected = JsonSerializer.Deserialize<Dictionary<string, Expected>>(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "reference", "expected", "cordis-weighted.json")), Json)!;
        Assert.Equal(expected.Count, graph.NodeCount);

        var ours = ShortestPaths.Compute(graph);

        foreach (var (measure, mine, theirs) in new (string, double[], Func<Expected, double>)[]
        {
            ("betweenness", ours.Betweenness, e => e.Betweenness),
            ("closeness", ours.Closeness!, e => e.Closeness),
            ("harmonic", ours.Harmonic!, e => e.Harmonic),
        })
        {
            var worst = Enumerable.Range(0, graph.NodeCount)
                .Select(v => (Id: graph.Ids[v], Ours: mine[v], Igraph: theirs(expected[graph.Ids[v]])))
                .Select(x => (x.Id, x.Ours, x.Igraph, Error: Math.Abs(x.Ours - x.Igraph) / Math.Max(Math.Abs(x.Igraph), 1e-12)))
                .OrderByDescending(x => x.Error).First();
            Assert.True(worst.Error <= 1e-9, $"{measure} of {worst.Id}: ours {worst.Ours:R}, igraph {worst.Igraph:R} (relative error {worst.Error:E2})");
        }
    }
}
