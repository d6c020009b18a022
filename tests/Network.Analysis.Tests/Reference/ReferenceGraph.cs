using System.Text.Json;
using Network.Analysis.Graphs;

namespace Network.Analysis.Tests.Reference;

/// <summary>
/// A graph and the values the reference tools computed for it, from tests/reference/expected/*.json
/// (made by tests/reference/generate_expected.py with NetworkX, igraph, leidenalg and R sna).
/// </summary>
public sealed class ReferenceGraph
{
    public static readonly TheoryData<string> All = new(["karate", "kite", "lesmis", "florentine-weighted", "disconnected", "groups", "planted"]);

    public static readonly TheoryData<string> WithGroups = new(["karate", "groups", "planted"]);

    private static readonly Dictionary<string, ReferenceGraph> Cache = [];

    private ReferenceGraph(JsonElement root)
    {
        Root = root;
        var ids = root.GetProperty("nodes").EnumerateArray().Select(e => e.GetString()!).ToList();
        var edges = root.GetProperty("edges").EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].GetString()!, e[2].GetDouble()));
        Graph = WeightedGraph.FromEdges(ids, edges);
    }

    public JsonElement Root { get; }

    public WeightedGraph Graph { get; }

    public static ReferenceGraph Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var graph))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "reference", name + ".json");
                Cache[name] = graph = new ReferenceGraph(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());
            }
            return graph;
        }
    }

    public JsonElement Expected(string id) => Root.GetProperty("expected").GetProperty(id);

    /// <summary>The expected value of a metric per node, in the graph's node order; null where the reference says null.</summary>
    public double?[] Values(string metric) =>
        Graph.Ids.Select(id => Expected(id).GetProperty(metric) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : (double?)null).ToArray();

    public int[] Groups()
    {
        var names = Graph.Ids.Select(id => Expected(id).GetProperty("group").GetString()!).ToList();
        var index = names.Distinct().Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
        return names.Select(g => index[g]).ToArray();
    }

    public static void AssertClose(IReadOnlyList<double?> expected, IReadOnlyList<double?> actual, double tolerance, string metric, IReadOnlyList<string> ids)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] is null || actual[i] is null)
            {
                Assert.True(expected[i] is null && actual[i] is null, $"{metric} of node {ids[i]}: expected {expected[i]?.ToString() ?? "null"}, got {actual[i]?.ToString() ?? "null"}");
                continue;
            }
            var difference = Math.Abs(expected[i]!.Value - actual[i]!.Value);
            Assert.True(difference <= tolerance, $"{metric} of node {ids[i]}: expected {expected[i]:R}, got {actual[i]:R} (difference {difference:E2})");
        }
    }
}
