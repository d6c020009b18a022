using Network.Analysis;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.Synthetic;
using Network.Analysis.ValueChain;

namespace Network.Analysis.Tests.Insights;

/// <summary>On the synthetic 300-member ecosystem, the insights find what the generator planted.</summary>
public class PlantedStructureIsFound
{
    private static readonly GeneratedEcosystem Ecosystem = EcosystemGenerator.Generate(300, 42);
    private static readonly AnalysisSnapshot Snapshot = new(Ecosystem.Graph, null, 42);
    private static readonly ActorNetwork Actors = Snapshot.Actors;
    private static readonly IReadOnlyList<BrokerProfile> Profiles = Snapshot.Brokers;
    private static readonly IReadOnlyList<SectorChain> Chains = Gaps.Analyse(Ecosystem.Graph, Actors.Organisations, Ecosystem.Planted.HomeRegionCities);

    [Fact]
    public void EveryPlantedBrokerIsInTheTopTenOfItsKind()
    {
        foreach (var broker in Ecosystem.Planted.Brokers)
        {
            var profile = Profiles.Single(p => p.Id == broker);
            Assert.True(profile.Rank <= 10, $"{profile.Name} ranks {profile.Rank} among {profile.Label}s");
        }
    }

    [Fact]
    public void BrokerProfilesNameTheGroupsTheyBridge()
    {
        var liaison = Profiles.Single(p => p.Id == "syn-broker-liaison");
        Assert.NotEmpty(liaison.Bridges);
        Assert.All(liaison.Bridges, b => Assert.NotEqual(b.From, b.To));
        Assert.True(liaison.CrossGroupPairs > 0 && liaison.OpenPairs > 0);
        Assert.Contains(Profiles.Single(p => p.Id == "syn-broker-gateway").Bridges, b => b.Attribute == "country");
    }

    [Fact]
    public void ThePlantedArticulationBrokerIsTheFirstSinglePointOfFailure()
    {
        var failures = Snapshot.SinglePointsOfFailure;
        Assert.Equal(Ecosystem.Planted.ArticulationBroker, failures[0].Id);
        Assert.True(failures[0].CutOffOrganisations >= 8, $"{failures[0].CutOffOrganisations} organisations cut off");
    }

    [Fact]
    public void ThePlantedMissingStageIsReported()
    {
        var (sector, stage) = Ecosystem.Planted.MissingStage;
        Assert.Contains(Chains.Single(c => c.SectorId == sector).Gaps, g => g.Kind == GapKind.Missing && g.Stage == stage);
    }

    [Fact]
    public void ThePlantedExternalOnlyStageIsReportedWithItsActors()
    {
        var (sector, stage) = Ecosystem.Planted.ExternalOnlyStage;
        var gap = Assert.Single(Chains.Single(c => c.SectorId == sector).Gaps, g => g.Kind == GapKind.ExternalOnly && g.Stage == stage);
        Assert.NotEmpty(gap.Actors);
        Assert.All(gap.Actors, a => Assert.False(a.InRegion));
    }

    [Fact]
    public void ThePlantedUnconnectedStagePairIsReportedWithTheActorsOnBothSides()
    {
        var (sector, from, to) = Ecosystem.Planted.UnconnectedStages;
        var gap = Assert.Single(Chains.Single(c => c.SectorId == sector).Gaps, g => g.Kind == GapKind.Unconnected && g.Stage == from);
        Assert.Equal(to, gap.NextStage);
        Assert.NotEmpty(gap.Actors);
        Assert.NotEmpty(gap.NextActors);
        Assert.All(gap.Actors, a => Assert.All(gap.NextActors, b => Assert.Null(Actors.Organisations.Tie(a.Id, b.Id))));
    }

    [Fact]
    public void IntroductionsForTheUnconnectedGapSpanItsStagesAndGiveReasons()
    {
        var (sector, _, _) = Ecosystem.Planted.UnconnectedStages;
        var gap = Chains.Single(c => c.SectorId == sector).Gaps.Single(g => g.Kind == GapKind.Unconnected);
        var suggestions = Introductions.Suggest(Chains, Actors.Organisations).Where(i => i.GapKind == GapKind.Unconnected && i.SectorName == gap.SectorName).ToList();
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, i =>
        {
            Assert.Contains(gap.Actors, a => a.Id == i.FromId);
            Assert.Contains(gap.NextActors, a => a.Id == i.ToId);
            Assert.False(string.IsNullOrWhiteSpace(i.Reason));
        });
        Assert.True(suggestions.Zip(suggestions.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void APairForSeveralGapsIsListedOnceNamingEveryGapAndItsSharedPartnersOnce()
    {
        var suggestions = Introductions.Suggest(Chains, Actors.Organisations);
        Assert.All(suggestions, i =>
        {
            Assert.Equal($"{i.Closes}: {i.Why}.", i.Reason);
            Assert.StartsWith(i.SectorName, i.Closes, StringComparison.Ordinal);
            Assert.True(i.Why.Split("both work with ").Length <= 2, i.Why);
        });
        var merged = suggestions.Where(i => i.Closes.Contains("; ", StringComparison.Ordinal)).ToList();
        Assert.All(merged, i => Assert.Equal(i.Closes.Split("; ").Length, i.Closes.Split("; ").Distinct().Count()));
    }

    [Fact]
    public void WithoutTheGatewayTheInternationalPartnersAreCutOff()
    {
        var report = Fragility.WhatIf(Ecosystem.Graph, Ecosystem.Planted.ArticulationBroker);
        Assert.True(report.DisconnectedPairs > 1000, $"{report.DisconnectedPairs} pairs");
        Assert.True(report.EfficiencyAfter < report.EfficiencyBefore);
        Assert.Contains(report.Severed, s => s.Attribute == "city" && (s.From == "Wuxi" || s.To == "Wuxi"));
    }

    [Fact]
    public void ComparingTwoDatesShowsNewTies()
    {
        var change = EcosystemReports.Compare(Ecosystem.Graph, new DateOnly(2016, 1, 1), new DateOnly(2022, 1, 1), Ecosystem.Planted.HomeRegionCities);
        Assert.NotEmpty(change.NewTies);
        Assert.NotEmpty(change.LostTies);
        Assert.NotEmpty(change.Rose);
    }
}
