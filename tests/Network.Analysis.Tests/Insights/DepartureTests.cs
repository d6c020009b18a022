using Network.Analysis.Domain;
using Network.Analysis.Graphs;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.Structure;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Insights;

/// <summary>Who cuts organisations off by leaving, found without projecting the network again for every person.</summary>
public class DepartureTests
{
    [Theory]
    [InlineData(300, 42)]
    [InlineData(1000, 7)]
    public void PeopleWhoCutOrganisationsOffAreThoseTheWhatIfOfEachPersonFinds(int members, int seed)
    {
        var graph = EcosystemGenerator.Generate(members, seed).Graph;
        var network = OrganisationProjection.Project(graph);
        var points = Connectivity.CutPointsAndBridges(network.Graph).ArticulationPoints;
        var people = graph.OfType<Person>().ToList();
        var found = Fragility.Departures(network, points, people).Where(d => d.Label == nameof(NodeLabel.Person)).ToList();

        // Every person's own what-if, projected again: slow, obviously right.
        var components = Connectivity.Components(network.Graph);
        var expected = people
            .Select(p => (p.Id, After: network.Without(p.Id)))
            .Where(x => !ReferenceEquals(x.After, network))
            .Select(x => (x.Id, Loss: Fragility.Loss(network, components, x.After, Connectivity.Components(x.After.Graph))))
            .Where(x => x.Loss.Pairs > 0)
            .ToDictionary(x => x.Id, x => x.Loss.Pairs);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), found.Select(d => KeyValuePair.Create(d.Id, d.Pairs)).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void TakingTiesOutSeparatesExactlyWhenTheComponentsSay()
    {
        var random = new Random(3);
        var graph = RandomGraphs.BarabasiAlbert(300, 1, 5); // a tree: every tie a bridge
        var denser = RandomGraphs.BarabasiAlbert(300, 2, 5);
        foreach (var g in new[] { graph, denser })
        {
            var cut = new Connectivity.EdgeCut(g);
            var edges = g.Edges().Select(e => (e.U, e.V)).ToList();
            var before = Connectivity.Components(g).Distinct().Count();
            for (var trial = 0; trial < 200; trial++)
            {
                var removed = edges.OrderBy(_ => random.Next()).Take(1 + trial % 4).ToList();
                var left = WeightedGraph.Create(g.Ids, edges.Except(removed).Select(e => (e.U, e.V, 1.0)));
                var components = Connectivity.Components(left);
                var pieces = cut.Pieces(removed);
                Assert.Equal(components.Distinct().Count() - before, pieces.Count);
                // Each piece is a whole component of what is left, and the one left out is at least as large as any.
                foreach (var piece in pieces)
                    Assert.Equal(piece.Order(), Enumerable.Range(0, g.NodeCount).Where(v => components[v] == components[piece[0]]).Order());
                if (pieces.Count > 0)
                {
                    var rest = removed.SelectMany(e => new[] { e.U, e.V }).First(v => pieces.All(p => !p.Contains(v)));
                    Assert.True(pieces.Max(p => p.Count) <= components.Count(c => c == components[rest]));
                }
            }
        }
    }

    /// <summary>One breadth-first search per removed node over the parts its ties lead to: slow, obviously right.</summary>
    private static (long Pairs, HashSet<int> CutOff) Searched(WeightedGraph graph, int removed, bool[] counted)
    {
        var part = Enumerable.Repeat(-1, graph.NodeCount).ToArray();
        part[removed] = -2;
        var parts = new List<List<int>>();
        foreach (var start in graph.Neighbours(removed))
        {
            if (part[start] != -1)
                continue;
            var members = new List<int>();
            var queue = new Queue<int>([start]);
            part[start] = parts.Count;
            while (queue.TryDequeue(out var v))
            {
                if (counted[v])
                    members.Add(v);
                foreach (var w in graph.Neighbours(v))
                {
                    if (part[w] == -1)
                    {
                        part[w] = parts.Count;
                        queue.Enqueue(w);
                    }
                }
            }
            parts.Add(members);
        }
        long total = parts.Sum(p => p.Count);
        var largest = parts.OrderByDescending(p => p.Count).FirstOrDefault() ?? [];
        return (total * (total - 1) / 2 - parts.Sum(p => (long)p.Count * (p.Count - 1) / 2), parts.Where(p => p != largest).SelectMany(p => p).ToHashSet());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(1, 3)]
    public void WhatEachDepartureSeparatesIsWhatASearchWithoutItFinds(int m, int seed)
    {
        // Trees and sparse graphs with a few parts apart: many cut points, parts of equal size.
        var ba = RandomGraphs.BarabasiAlbert(400, m, seed);
        var random = new Random(seed);
        var edges = ba.Edges().Where(_ => random.NextDouble() > 0.1).Select(e => (e.U, e.V, 1.0));
        var graph = WeightedGraph.Create(ba.Ids, edges);
        var counted = Enumerable.Range(0, graph.NodeCount).Select(_ => random.NextDouble() < 0.7).ToArray();
        var losses = new CutPointLosses(graph, counted);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var (pairs, cutOff) = Searched(graph, v, counted);
            Assert.Equal(pairs, losses.Pairs(v));
            Assert.Equal(cutOff.Count, losses.CutOffCount(v));
            Assert.Equal(cutOff.Order(), losses.CutOff(v).Order());
        }
    }
}
