using Network.Analysis.Domain;
using Network.Analysis.Projection;
using Network.Analysis.Structure;
using Network.Analysis.ValueChain;

namespace Network.Analysis.Insights;

/// <summary>One side of a comparison: the organisation network's shape, its top brokers and its value-chain gaps.</summary>
public sealed record ScenarioSide(int Organisations, int Ties, int Parts, long ConnectedPairs, double Efficiency, IReadOnlyList<BrokerChange> TopBrokers, IReadOnlyList<string> Gaps)
{
    /// <summary>Today's betweenness and how a changed network's is measured against it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public BetweennessAfterChange? Betweenness { get; init; }

    /// <summary>The value chains the gaps come from.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<SectorChain> Chains { get; init; } = [];
}

/// <summary>Today and a changed network side by side, with the pairs and gaps that differ.</summary>
/// <param name="GapsWorsened">Gaps of the same stage that change kind ("ICT: pilot from thin to missing").</param>
/// <param name="EmptiedSectors">Sectors with nobody left: their gaps are gone, not closed.</param>
public sealed record ScenarioComparison(ScenarioSide Today, ScenarioSide Changed, IReadOnlyList<string> GapsOpened, IReadOnlyList<string> GapsClosed, bool Sampled)
{
    public IReadOnlyList<string> GapsWorsened { get; init; } = [];
    public IReadOnlyList<string> EmptiedSectors { get; init; } = [];
}

/// <summary>
/// A proposed change tried out without writing it: the data with an actor removed, or with a partnership added, projected
/// and analysed like today's. Connected pairs are Σ over components of s(s−1)/2 organisation pairs; efficiency is
/// global efficiency, from the same pass as betweenness (the same 200 seeded sources on both sides above 2,000 organisations); top
/// brokers are the five highest betweenness values, today's as the metrics have them and a changed side's as
/// <see cref="BetweennessAfterChange"/> measures them; gaps are those of <see cref="Gaps.Analyse"/> for the home region.
/// </summary>
public static class Scenario
{
    public static NetworkGraph Without(NetworkGraph graph, string id) =>
        new(graph.Nodes.Where(n => n.Id != id).ToList(), graph.Relationships.Where(r => r.From != id && r.To != id).ToList(), graph.Version);

    /// <summary>The data with a direct partnership between two organisations (or the existing one strengthened by 1).</summary>
    public static NetworkGraph WithPartnership(NetworkGraph graph, string a, string b)
    {
        var existing = graph.Relationships.FirstOrDefault(r => r.Type == RelationshipType.PartnersWith && ((r.From == a && r.To == b) || (r.From == b && r.To == a)));
        var relationships = graph.Relationships.Where(r => !ReferenceEquals(r, existing)).ToList();
        relationships.Add(existing is null
            ? new Relationship(RelationshipType.PartnersWith, a, b, "what-if") { Kind = "proposed introduction" }
            : existing with { Weight = (existing.Weight ?? 1) + 1 });
        return new NetworkGraph(graph.Nodes, relationships, graph.Version);
    }

    public static ScenarioComparison Compare(NetworkGraph today, NetworkGraph changed, DateOnly? asOf, IReadOnlyCollection<string> homeRegion, int seed = 42) =>
        Compare(Today(today, asOf, homeRegion, seed), changed, asOf, homeRegion);

    /// <summary>Against today's side computed once (it is the same for every change tried on the same data).</summary>
    /// <param name="today">Its seed is the changed side's: the same sources on both sides.</param>
    public static ScenarioComparison Compare(ScenarioSide today, NetworkGraph changed, DateOnly? asOf, IReadOnlyCollection<string> homeRegion)
    {
        var network = OrganisationProjection.Project(changed, asOf);
        return Compare(today, Side(changed, network, homeRegion, today.Betweenness!.After(network.Graph)));
    }

    /// <summary>Today's side against a changed side measured from the same sources (a what-if's <see cref="WhatIfReport.Changed"/>).</summary>
    public static ScenarioComparison Compare(ScenarioSide today, ScenarioSide changed)
    {
        var changes = Gaps.Compare(today.Chains, changed.Chains);
        return new ScenarioComparison(today, changed, changes.Opened, changes.Closed, today.Betweenness!.SampleSources is not null)
        {
            GapsWorsened = changes.Worsened,
            EmptiedSectors = changes.Emptied,
        };
    }

    /// <summary>Today's side of every comparison on this data.</summary>
    /// <param name="network">Today's organisation projection, where it is at hand.</param>
    /// <param name="betweenness">Its betweenness as the metrics have it.</param>
    public static ScenarioSide Today(NetworkGraph today, DateOnly? asOf, IReadOnlyCollection<string> homeRegion, int seed = 42, OrganisationNetwork? network = null, double[]? betweenness = null)
    {
        network ??= OrganisationProjection.Project(today, asOf);
        var measured = new BetweennessAfterChange(network.Graph, betweenness, seed);
        return Side(today, network, homeRegion, (measured.Today, measured.Efficiency)) with { Betweenness = measured };
    }

    /// <param name="measured">Betweenness and efficiency, measured from the same seeded sources on both sides of a comparison.</param>
    private static ScenarioSide Side(NetworkGraph graph, OrganisationNetwork network, IReadOnlyCollection<string> home, (double[] Betweenness, double Efficiency) measured) =>
        Side(network, Connectivity.Components(network.Graph), measured, Gaps.Analyse(graph, network, home));

    /// <summary>One side from what is already known of it: its components, measures and value chains.</summary>
    internal static ScenarioSide Side(OrganisationNetwork network, int[] components, (double[] Betweenness, double Efficiency) measured, IReadOnlyList<SectorChain> chains)
    {
        var betweenness = measured.Betweenness;
        var g = network.Graph;
        var pairs = components.GroupBy(c => c).Sum(c => (long)c.Count() * (c.Count() - 1) / 2);
        var top = Enumerable.Range(0, g.NodeCount).OrderByDescending(v => betweenness[v]).ThenBy(v => g.Ids[v], StringComparer.Ordinal).Take(5)
            .Select(v => new BrokerChange(g.Ids[v], network.Organisations[v].Name, betweenness[v], betweenness[v])).ToList();
        var gaps = chains.SelectMany(c => c.Gaps).Select(Gaps.Describe).Order(StringComparer.Ordinal).ToList();
        return new ScenarioSide(g.NodeCount, g.EdgeCount, components.Distinct().Count(), pairs, measured.Efficiency, top, gaps) { Chains = chains };
    }
}
