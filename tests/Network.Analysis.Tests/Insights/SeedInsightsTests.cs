using Network.Analysis;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Analysis.Tests.Insights;

/// <summary>On the seed ecosystem the insights say what the documents say.</summary>
public class SeedInsightsTests
{
    private static readonly NetworkGraph Seed = CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));

    [Fact]
    public void SomeoneBridgesLeuvenAndWuxi()
    {
        var profiles = new AnalysisSnapshot(Seed, null, 42).Brokers;
        var bridging = profiles.Where(p => p.Bridges.Any(b => b.Attribute == "city" && new[] { b.From, b.To }.Order().SequenceEqual(["Leuven", "Wuxi"]))).Select(p => p.Id).ToList();
        Assert.Contains("org-capricorn", bridging);
        Assert.Contains("org-leuven-mindgate", bridging);
    }

    [Fact]
    public void WithoutCapricornTheChineseFundPartnersAreCutOffButStillTiedToEachOther()
    {
        var report = Fragility.WhatIf(Seed, "org-capricorn");
        Assert.Equal(["Scorpio Investment Partners", "Wuxi Capital"], report.CutOff.Order());
        Assert.Empty(report.Isolated);
        // Capricorn's component held 22 organisations: without it, these two lose the other 19.
        Assert.Equal(2 * 19, report.DisconnectedPairs);
    }

    [Fact]
    public void RemovingTheFundAgreementKeepsCapricornButDropsItsTies()
    {
        var report = Fragility.WhatIf(Seed, "agr-capricorn-scorpio-fund");
        Assert.Equal("Agreement", report.RemovedLabel);
        Assert.Contains("Wuxi Capital", report.Isolated);
        Assert.Contains("Scorpio Investment Partners", report.Isolated);
    }

    [Fact]
    public void AnUnknownIdIsRefused() =>
        Assert.Throws<KeyNotFoundException>(() => Fragility.WhatIf(Seed, "org-nope"));

    [Fact]
    public void TheReportModelIsComplete()
    {
        var report = EcosystemReports.Build(Seed, new ReportOptions { Title = "Seed" });
        Assert.Equal(["Vlaams-Brabant"], report.HomeRegion);
        Assert.Equal(50, report.Summary.Organisations);
        Assert.False(report.Summary.Synthetic);
        Assert.Equal(10, report.Brokers.Count);
        Assert.Contains(report.SinglePointsOfFailure, f => f.Id == "org-capricorn");
        Assert.Contains(report.Chains, c => c.SectorName == "Life & health sciences");
        Assert.All(report.Communities, c => Assert.InRange(c.Consensus, 0, 1));
        Assert.Equal(24, report.StabilityRuns);
    }
}
