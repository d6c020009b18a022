using Network.Analysis.Domain;
using Network.Analysis.ValueChain;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Analysis.Tests.ValueChain;

/// <summary>Sectors and stages derived where the data has none, marked as derived, and overridden by records.</summary>
public sealed class ChainPositionsTests
{
    private static readonly NetworkGraph Cordis = DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "cordis-h2020-leuven"));

    private static NetworkGraph Small(params Node[] extra)
    {
        Node[] nodes =
        [
            new Sector("sector-energy", "Energy", "test"),
            new Agreement("p1", "Project 1", "project", "test"),
            new Organisation("uni", "A University", "university", "test"),
            new Organisation("firm", "A Firm", "company", "test"),
            new Organisation("city", "A City", "government", "test"),
            new Organisation("club", "A Club", "civil-society", "test"),
            .. extra,
        ];
        Relationship[] ties =
        [
            new(RelationshipType.Concerns, "p1", "sector-energy", "test"),
            new(RelationshipType.PartyTo, "uni", "p1", "test"),
            new(RelationshipType.PartyTo, "firm", "p1", "test"),
            new(RelationshipType.PartyTo, "city", "p1", "test"),
            new(RelationshipType.PartyTo, "club", "p1", "test"),
        ];
        return new NetworkGraph(nodes, ties, 1);
    }

    [Fact]
    public void WithoutRecordsSectorsComeFromAgreementsAndStagesFromKind()
    {
        var (positions, coverage) = ChainPositions.Of(Small());
        Assert.Equal(["research"], positions.Where(p => p.Organisation == "uni").Select(p => p.Stage));
        Assert.Equal(["prototyping", "pilot"], positions.Where(p => p.Organisation == "firm").Select(p => p.Stage));
        Assert.Equal(["pilot"], positions.Where(p => p.Organisation == "city").Select(p => p.Stage));
        Assert.DoesNotContain(positions, p => p.Organisation == "club");
        Assert.All(positions, p => Assert.StartsWith("derived: the sectors its agreements concern", p.DerivedBy));
        Assert.Equal(new ChainCoverage(4, 0, 3, 1), coverage);
        Assert.Equal("The matrix places 3 of 4 organisations, all by derivation (none has a sector and stage recorded); 1 lacks a known sector or stage.", coverage.Sentence());
    }

    [Fact]
    public void ARecordedSectorAndStageReplaceTheDerivedOnes()
    {
        var graph = Small();
        var firm = (Organisation)graph.NodesById()["firm"];
        var edited = new NetworkGraph([.. graph.Nodes.Where(n => n.Id != "firm"), firm with { Sectors = ["sector-energy"], Stages = ["market"] }], graph.Relationships, 2);
        var (positions, coverage) = ChainPositions.Of(edited);
        var mine = Assert.Single(positions, p => p.Organisation == "firm");
        Assert.Equal(("market", null), (mine.Stage, mine.DerivedBy));
        Assert.Equal(1, coverage.Recorded);
    }

    [Fact]
    public void OnCordisAtLeastThreeSectorsHaveOrganisationsInLeuvenAndTheHomeRegionIsLeuven()
    {
        Assert.Equal("Leuven", Gaps.DefaultHomeRegion(Cordis)[0]);
        var network = Network.Analysis.Projection.OrganisationProjection.Project(Cordis);
        var chains = Gaps.Analyse(Cordis, network, Gaps.DefaultHomeRegion(Cordis));
        Assert.True(chains.Count(c => c.Stages.Any(s => s.InRegion.Count > 0)) >= 3);
        Assert.All(chains.SelectMany(c => c.Stages).SelectMany(s => s.InRegion.Concat(s.External)), a => Assert.NotNull(a.DerivedBy));
        Assert.NotEmpty(Introductions.Suggest(chains, network));
    }
}
