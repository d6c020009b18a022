using Network.Analysis.Domain;
using Network.Analysis.Resolution;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Analysis.Tests.Resolution;

public class EntityResolutionTests
{
    private static readonly NetworkGraph SeedAndCordis = Combined();

    private static NetworkGraph Combined() => DataFolder.ReadShipped(Path.Combine(RepositoryPaths.Root, "data"));

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
    public void ANameWrittenBySomeoneIsMatchedByItsLegalShortOrCustomaryNameAndItsCity()
    {
        var found = EntityResolution.Resemble(SeedAndCordis,
            [("Katholieke Universiteit Leuven", "Leuven"), ("IMEC", null), ("KU Leuven", "Gent"), ("Brand New Robotics", "Leuven")]);
        Assert.Contains(found[0]!.Id, new[] { "org-ku-leuven", "pic-999991334" });
        Assert.Equal(1, found[0]!.Score);
        Assert.Contains("same city Leuven", found[0]!.Evidence);
        Assert.Contains(found[1]!.Id, new[] { "org-imec", "pic-999981149" });
        Assert.True(found[1]!.Score >= EntityResolution.Threshold, $"{found[1]}");
        // The same name in another city is less sure (by 0.2, as in merges), and says why.
        Assert.Equal(0.8, found[2]!.Score);
        Assert.Contains(found[2]!.Evidence, e => e.StartsWith("different cities: Gent / ", StringComparison.Ordinal));
        Assert.Null(found[3]);
    }

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

    [Theory]
    [InlineData("pairs.tsv", 0.9, 0.85)]
    [InlineData("held-out.tsv", 0.9, 0.0)]
    public void OnLabelledPairsFromTheShippedDataNineInTenSuggestionsAreRight(string file, double precision, double recall)
    {
        // tests/reference/merges: pairs read and labelled by a person (README there says how); `network-tools merges-eval` prints the same.
        var path = Path.Combine(RepositoryPaths.Root, "tests", "reference", "merges", file);
        var pairs = MergeEvaluation.Parse(File.ReadLines(path), path);
        Assert.True(pairs.Count >= 130, $"{pairs.Count} pairs");
        var outcome = MergeEvaluation.Evaluate(SeedAndCordis, pairs, [EntityResolution.Threshold]).Single();
        Assert.True(outcome.Precision >= precision, $"precision {outcome.Precision:F3}: {string.Join("; ", outcome.FalseAlarms)}");
        Assert.True(outcome.Recall >= recall, $"recall {outcome.Recall:F3}: {string.Join("; ", outcome.Misses)}");
    }

    [Fact]
    public void OnlyNamesThatAreTheSameAfterNormalisationScoreOne()
    {
        var suggestions = EntityResolution.Suggest(SeedAndCordis, 0.5);
        Assert.All(suggestions.Where(s => s.Score >= 1), s => Assert.Contains(s.Evidence, e => e.StartsWith("the same name", StringComparison.Ordinal) || e.StartsWith("same website", StringComparison.Ordinal)));
        // The same names lose only for what contradicts them (another kind, another city).
        Assert.All(suggestions.Where(s => s.Score < 1 && s.Evidence.Any(e => e.StartsWith("the same name", StringComparison.Ordinal))),
            s => Assert.Contains(s.Evidence, e => e.StartsWith("different", StringComparison.Ordinal)));
        // KU Leuven and its CORDIS record: CORDIS's short name is its customary name, so the names are the same.
        var ku = Assert.Single(suggestions, s => s.Keep == "org-ku-leuven" && s.Drop == "pic-999991334");
        Assert.Equal(1, ku.Score);
        Assert.Contains(ku.Evidence, e => e.StartsWith("the same name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("London", "Londonderry")]
    [InlineData("Cambridge", "Cambridgeshire")]
    [InlineData("Freiburg", "Freiberg")]
    [InlineData("Herent", "Herentals")]
    [InlineData("TECHNISCHE UNIVERSITAET GRAZ", "UNIVERSITAET GRAZ")]
    [InlineData("Datafl Foundation", "Datafx Foundation")]
    public void NamesThatShareAPlaceOrMostWordsAreNotTheSame(string a, string b) =>
        Assert.True(EntityResolution.NameSimilarity(EntityResolution.Words(a), EntityResolution.Words(b)) < 0.8, $"{a} / {b}");

    [Fact]
    public void TheEvidenceSaysWhatDiffersAsWellAsWhatMatches()
    {
        var port = EntityResolution.Compare(SeedAndCordis, "org-havenbedrijf-antwerpen", "pic-998894070")!;
        Assert.Contains(port.Evidence, e => e.StartsWith("different kinds:", StringComparison.Ordinal));
        Assert.Contains(port.Evidence, e => e.StartsWith("same city", StringComparison.Ordinal));
        var graz = EntityResolution.Suggest(SeedAndCordis, 0.3).First(s => s.KeepName == "Technische Universitaet Graz" || s.DropName == "Technische Universitaet Graz");
        Assert.Contains(graz.Evidence, e => e.Contains("not in the other name:", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSeedsDistinctOrganisationsAreNotSuggested()
    {
        // Stad Antwerpen / Havenbedrijf Antwerpen, Stad Leuven / Leuven Inc. and the like share a place name only.
        var seed = CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));
        Assert.Empty(EntityResolution.Suggest(seed));
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
