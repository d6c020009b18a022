using System.Text.Json;
using Network.Analysis.Domain;
using Network.Analysis.Synthetic;

namespace Network.Analysis.Tests.Synthetic;

public class EcosystemGeneratorTests
{
    private static readonly GeneratedEcosystem Ecosystem = EcosystemGenerator.Generate(300, 42);

    private static string Fingerprint(NetworkGraph graph) =>
        JsonSerializer.Serialize(graph.Nodes.Select(n => (object)n)) + JsonSerializer.Serialize(graph.Relationships);

    [Fact]
    public void TheSameSeedGivesTheSameEcosystem() =>
        Assert.Equal(Fingerprint(Ecosystem.Graph), Fingerprint(EcosystemGenerator.Generate(300, 42).Graph));

    [Fact]
    public void AnotherSeedGivesAnotherEcosystem() =>
        Assert.NotEqual(Fingerprint(Ecosystem.Graph), Fingerprint(EcosystemGenerator.Generate(300, 43).Graph));

    [Fact]
    public void EveryRecordPassesTheDomainRules()
    {
        var graph = Ecosystem.Graph;
        Assert.Empty(DomainRules.CheckBatch(graph.Nodes, graph.Relationships, [], _ => new Dictionary<string, NodeLabel>()));
    }

    [Fact]
    public void EveryRecordIsMarkedSynthetic()
    {
        Assert.All(Ecosystem.Graph.Nodes, n => Assert.StartsWith(EcosystemGenerator.SourcePrefix, n.Source));
        Assert.All(Ecosystem.Graph.Relationships, r => Assert.StartsWith(EcosystemGenerator.SourcePrefix, r.Source));
        Assert.All(Ecosystem.Graph.OfType<Organisation>(), o => Assert.EndsWith("(synthetic)", o.Name));
    }

    [Fact]
    public void ItHasTheRequestedNumberOfMembersInAQuadrupleHelixMix()
    {
        var members = Ecosystem.Graph.OfType<Organisation>().Where(o => o.Member).ToList();
        // 300 drawn members plus the three planted brokers, who are members too.
        Assert.Equal(303, members.Count);
        foreach (var kind in new[] { "university", "research-institute", "company", "investor", "government", "civil-society" })
            Assert.Contains(members, o => o.Kind == kind);
        Assert.Contains(Ecosystem.Graph.OfType<Organisation>(), o => !o.Member && o.Country != "BE");
    }

    [Fact]
    public void AgreementsHaveTwoToEightPartiesAndValidityDates()
    {
        var parties = Ecosystem.Graph.OfType(RelationshipType.PartyTo).GroupBy(r => r.To).ToDictionary(g => g.Key, g => g.Count());
        foreach (var agreement in Ecosystem.Graph.OfType<Agreement>())
        {
            Assert.InRange(parties[agreement.Id], 2, 8);
            Assert.NotNull(agreement.ValidFrom);
        }
    }

    [Fact]
    public void SomePeopleHoldSeatsInMoreThanOneOrganisation()
    {
        var seats = Ecosystem.Graph.OfType(RelationshipType.WorksFor).GroupBy(r => r.From).Count(g => g.Count() > 1);
        Assert.True(seats >= 5, $"only {seats} people with more than one affiliation");
    }

    [Fact]
    public void ThePlantedMissingStageHasNoActor()
    {
        var (sector, stage) = Ecosystem.Planted.MissingStage;
        Assert.DoesNotContain(Ecosystem.Graph.OfType(RelationshipType.ActiveIn), r => r.To == sector && r.Stages.Contains(stage));
    }

    [Fact]
    public void ThePlantedExternalOnlyStageHasOnlyForeignActors()
    {
        var (sector, stage) = Ecosystem.Planted.ExternalOnlyStage;
        var actors = Ecosystem.Graph.OfType(RelationshipType.ActiveIn).Where(r => r.To == sector && r.Stages.Contains(stage)).Select(r => r.From).ToList();
        Assert.NotEmpty(actors);
        var home = Ecosystem.Planted.HomeRegionCities.ToHashSet();
        var cityOf = Ecosystem.Graph.OfType(RelationshipType.LocatedIn).ToDictionary(r => r.From, r => r.To);
        Assert.All(actors, a => Assert.DoesNotContain(cityOf[a], home));
    }

    [Fact]
    public void ThePlantedUnconnectedStagesShareNoAgreementPersonEventOrPartnership()
    {
        var (sector, from, to) = Ecosystem.Planted.UnconnectedStages;
        var active = Ecosystem.Graph.OfType(RelationshipType.ActiveIn).Where(r => r.To == sector).ToList();
        var left = active.Where(r => r.Stages.Contains(from)).Select(r => r.From).ToHashSet();
        var right = active.Where(r => r.Stages.Contains(to)).Select(r => r.From).ToHashSet();
        Assert.NotEmpty(left);
        Assert.NotEmpty(right);

        // Group organisations by every shared context (agreement, person, event) and by direct partnership.
        var contexts = Ecosystem.Graph.Relationships
            .Where(r => r.Type is RelationshipType.PartyTo or RelationshipType.ParticipatedIn)
            .Select(r => (Context: r.To, Org: r.From))
            .Concat(Ecosystem.Graph.OfType(RelationshipType.WorksFor).Select(r => (Context: r.From, Org: r.To)))
            .Concat(Ecosystem.Graph.OfType(RelationshipType.PartnersWith).Select(r => (Context: r.From + "|" + r.To, Org: r.From)))
            .Concat(Ecosystem.Graph.OfType(RelationshipType.PartnersWith).Select(r => (Context: r.From + "|" + r.To, Org: r.To)))
            .GroupBy(x => x.Context, x => x.Org);
        foreach (var context in contexts)
        {
            var orgs = context.ToHashSet();
            Assert.False(orgs.Overlaps(left) && orgs.Overlaps(right), $"{context.Key} ties {from} and {to} actors");
        }
    }

    [Fact]
    public void ThePlantedBrokersExist()
    {
        var ids = Ecosystem.Graph.NodesById();
        Assert.All(Ecosystem.Planted.Brokers, b => Assert.True(ids.ContainsKey(b), b));
        Assert.Contains(Ecosystem.Planted.ArticulationBroker, Ecosystem.Planted.Brokers);
    }
}
