using Network.Analysis.Domain;
using Network.Analysis.Resolution;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Analysis.Tests.Resolution;

public class EntityResolutionTests
{
    private static readonly NetworkGraph SeedAndCordis = Combined();

    private static NetworkGraph Combined()
    {
        var seed = CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));
        var cordis = DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "cordis-h2020-leuven"), existing: seed);
        var twins = DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "sister-cities"), existing: new NetworkGraph([.. seed.Nodes, .. cordis.Nodes], [], 0));
        return new NetworkGraph([.. seed.Nodes, .. cordis.Nodes, .. twins.Nodes], [.. seed.Relationships, .. cordis.Relationships, .. twins.Relationships], 0);
    }

    [Theory]
    [InlineData("KU Leuven", "KATHOLIEKE UNIVERSITEIT LEUVEN")]
    [InlineData("imec", "INTERUNIVERSITAIR MICRO-ELECTRONICA CENTRUM")]
    [InlineData("Antwerpen", "Antwerp")]
    [InlineData("Leuven-Heverlee", "LEUVEN HEVERLEE")]
    [InlineData("München", "MUNCHEN")]
    public void NamesThatAreTheSameEntityAreSimilar(string a, string b) =>
        Assert.True(EntityResolution.NameSimilarity(EntityResolution.Words(a), EntityResolution.Words(b)) >= 0.99, $"{a} / {b}");

    [Theory]
    [InlineData("KU Leuven", "UNIVERSITEIT GENT")]
    [InlineData("imec", "IMEC NEDERLAND STICHTING")]
    public void DifferentNamesAreNotTheSame(string a, string b) =>
        Assert.True(EntityResolution.NameSimilarity(EntityResolution.Words(a), EntityResolution.Words(b)) < 0.99);

    [Fact]
    public void TheSeedsKuLeuvenAndImecAreProposedForMergingWithTheirCordisRecords()
    {
        var suggestions = EntityResolution.Suggest(SeedAndCordis);
        var ku = Assert.Single(suggestions, s => s.Keep == "org-ku-leuven" && s.Drop == "pic-999991334");
        Assert.True(ku.Score >= 0.9, $"score {ku.Score}");
        Assert.Contains(ku.Evidence, e => e.StartsWith("same city Leuven", StringComparison.Ordinal));
        Assert.Contains(ku.Evidence, e => e == "both university");
        var imec = Assert.Single(suggestions, s => s.Keep == "org-imec" && s.Drop == "pic-999981149");
        Assert.True(imec.Score >= 0.9, $"score {imec.Score}");
    }

    [Fact]
    public void TwinTownSpellingsOfSeedCitiesAreProposed()
    {
        var suggestions = EntityResolution.Suggest(SeedAndCordis);
        Assert.Contains(suggestions, s => new[] { s.KeepName, s.DropName }.Order().SequenceEqual(["Antwerp", "Antwerpen"]));
    }

    [Fact]
    public void RejectedPairsAreLeftOut()
    {
        var rejected = new HashSet<(string, string)> { ("pic-999991334", "org-ku-leuven") };
        Assert.DoesNotContain(EntityResolution.Suggest(SeedAndCordis, rejected: rejected), s => s.Drop == "pic-999991334" && s.Keep == "org-ku-leuven");
    }

    [Fact]
    public void AMergeMovesEveryRelationshipAndKeepsBothSources()
    {
        var plan = EntityResolution.PlanMerge(SeedAndCordis, "org-ku-leuven", "pic-999991334");
        var dropped = SeedAndCordis.Relationships.Where(r => r.From == "pic-999991334" || r.To == "pic-999991334").ToList();
        Assert.Equal(dropped.Count, plan.Removed.Count);
        Assert.All(plan.Upserts, r => Assert.True(r.From == "org-ku-leuven" || r.To == "org-ku-leuven"));
        Assert.Equal(575, plan.Upserts.Count(r => r.Type == RelationshipType.PartyTo));
        Assert.Contains("merged with pic-999991334", plan.Keep.Source);
        Assert.StartsWith("seeds/003", plan.Keep.Source);
        Assert.All(plan.Upserts.Where(r => r.Type == RelationshipType.PartyTo), r => Assert.Contains("CORDIS", r.Source));
    }

    [Fact]
    public void MergingDifferentLabelsIsRefused() =>
        Assert.Throws<ArgumentException>(() => EntityResolution.PlanMerge(SeedAndCordis, "org-ku-leuven", "city-leuven"));
}

public class NamesTests
{
    [Theory]
    [InlineData("Liège", "liege")]
    [InlineData("Kraków", "krakow")]
    [InlineData("Neukölln", "neukolln")]
    [InlineData("Straße", "strasse")]
    [InlineData("ŁÓDŹ", "lodz")]
    public void AccentsFoldToPlainLetters(string name, string folded) => Assert.Equal(folded, Network.Analysis.Text.Names.Fold(name));
}
