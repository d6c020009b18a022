using Network.Analysis.Domain;

namespace Network.Analysis.Tests.Domain;

public class DomainRulesTests
{
    private static readonly Dictionary<string, NodeLabel> NothingStored = [];

    private static IReadOnlyList<ValidationError> Check(IReadOnlyList<Node> nodes, IReadOnlyList<Relationship>? relationships = null, IReadOnlyDictionary<string, NodeLabel>? stored = null) =>
        DomainRules.CheckBatch(nodes, relationships ?? [], [], ids => (stored ?? NothingStored).Where(kv => ids.Contains(kv.Key)).ToDictionary());

    [Fact]
    public void AValidOrganisationHasNoErrors() =>
        Assert.Empty(DomainRules.Check(new Organisation("org-1", "KU Leuven", "university", "test") { Stages = ["research"] }));

    [Theory]
    [InlineData("", "id")]
    [InlineData(" padded ", "id")]
    public void IdsMustBePresentAndClean(string id, string field)
    {
        var errors = DomainRules.Check(new Person(id, "Ann", "test"));
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void AControlCharacterInANameIsRefusedButASourceMayHaveLines()
    {
        var errors = DomainRules.Check(new Organisation("org-c", "Bad\u0001Name", "company", "line one\nline two")).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("name", error.Field);
        Assert.Contains("U+0001", error.Message);
        Assert.Single(DomainRules.Check(new Organisation("org-c", "Two\nlines", "company", "ok")));
    }

    [Fact]
    public void UnknownKindIsNamedWithTheAllowedValues()
    {
        var error = Assert.Single(DomainRules.Check(new Organisation("o", "X", "spaceship", "test")));
        Assert.Equal("kind", error.Field);
        Assert.Contains("'spaceship'", error.Message);
        Assert.Contains("university", error.Message);
    }

    [Fact]
    public void UnknownStageIsRefused()
    {
        var error = Assert.Single(DomainRules.Check(new Organisation("o", "X", "company", "test") { Stages = ["marketing"] }));
        Assert.Equal("stages", error.Field);
    }

    [Fact]
    public void ValidityMustNotEndBeforeItStarts()
    {
        var agreement = new Agreement("a", "Fund", "fund", "test") { ValidFrom = new DateOnly(2020, 1, 1), ValidTo = new DateOnly(2019, 1, 1) };
        var error = Assert.Single(DomainRules.Check(agreement));
        Assert.Equal("validTo", error.Field);
    }

    [Fact]
    public void SourceIsRequiredOnNodesAndRelationships()
    {
        Assert.Contains(DomainRules.Check(new Sector("s", "ICT", " ")), e => e.Field == "source");
        Assert.Contains(DomainRules.Check(new Relationship(RelationshipType.TwinnedWith, "a", "b", ""), NodeLabel.City, NodeLabel.City), e => e.Field == "source");
    }

    [Fact]
    public void CountryMustBeATwoLetterCode() =>
        Assert.Contains(DomainRules.Check(new City("c", "Leuven", "Belgium", "test")), e => e.Field == "country");

    [Fact]
    public void RelationshipEndsMustHaveTheRightLabels()
    {
        var rel = new Relationship(RelationshipType.WorksFor, "org", "org2", "test");
        var errors = DomainRules.Check(rel, NodeLabel.Organisation, NodeLabel.Organisation);
        var error = Assert.Single(errors);
        Assert.Equal("from", error.Field);
        Assert.Contains("Person", error.Message);
    }

    [Fact]
    public void PropertiesATypeDoesNotHaveAreRefused()
    {
        var rel = new Relationship(RelationshipType.LocatedIn, "o", "c", "test") { Weight = 2 };
        Assert.Contains(DomainRules.Check(rel, NodeLabel.Organisation, NodeLabel.City), e => e.Field == "weight");
    }

    [Fact]
    public void WeightsMustBePositive()
    {
        var rel = new Relationship(RelationshipType.PartnersWith, "a", "b", "test") { Weight = 0 };
        Assert.Contains(DomainRules.Check(rel, NodeLabel.Organisation, NodeLabel.Organisation), e => e.Field == "weight");
    }

    [Fact]
    public void SelfLoopsAreRefused()
    {
        var rel = new Relationship(RelationshipType.PartnersWith, "a", "a", "test");
        Assert.Contains(DomainRules.Check(rel, NodeLabel.Organisation, NodeLabel.Organisation), e => e.Message.Contains("itself"));
    }

    [Fact]
    public void DanglingEndsAreNamed()
    {
        var errors = Check([new Organisation("o", "X", "company", "test")], [new Relationship(RelationshipType.LocatedIn, "o", "city-nowhere", "test")]);
        var error = Assert.Single(errors);
        Assert.Equal("to", error.Field);
        Assert.Contains("city-nowhere", error.Message);
    }

    [Fact]
    public void EndsMayBeStoredAlready()
    {
        var stored = new Dictionary<string, NodeLabel> { ["city-leuven"] = NodeLabel.City };
        Assert.Empty(Check([new Organisation("o", "X", "company", "test")], [new Relationship(RelationshipType.LocatedIn, "o", "city-leuven", "test")], stored));
    }

    [Fact]
    public void AnIdIsUniqueWithinABatch()
    {
        var errors = Check([new Person("p", "A", "test"), new Person("p", "B", "test")]);
        Assert.Contains(errors, e => e.Field == "id" && e.Message.Contains("more than once"));
    }

    [Fact]
    public void AnIdIsUniqueAcrossLabels()
    {
        var stored = new Dictionary<string, NodeLabel> { ["x"] = NodeLabel.City };
        var error = Assert.Single(Check([new Person("x", "A", "test")], stored: stored));
        Assert.Contains("already used by a City", error.Message);
    }

    [Fact]
    public void OrganisationSectorsMustExist()
    {
        var errors = Check([new Organisation("o", "X", "company", "test") { Sectors = ["sector-none"] }]);
        Assert.Contains(errors, e => e.Field == "sectors" && e.Message.Contains("sector-none"));
    }

    [Fact]
    public void AgreementValidityIncludesOpenEnds()
    {
        var open = new Agreement("a", "MoU", "mou", "test") { ValidFrom = new DateOnly(2020, 1, 1) };
        Assert.True(open.IsValidOn(new DateOnly(2030, 1, 1)));
        Assert.False(open.IsValidOn(new DateOnly(2019, 12, 31)));
    }

    [Theory]
    [InlineData("Plain name", false, null)]
    [InlineData("Liège · Kraków · 😀", false, null)]
    [InlineData("two\nlines", true, null)]
    [InlineData("two\nlines", false, "control character U+000A")]
    [InlineData("bad\uFFFE", false, "U+FFFE, which is not a character")]
    [InlineData("bad\uFFFF", false, "U+FFFF, which is not a character")]
    public void OneRuleSaysWhatTextXmlAndCsvCanCarry(string text, bool multiline, string? problem)
    {
        var found = DomainRules.Unwritable(text, multiline);
        if (problem is null)
            Assert.Null(found);
        else
            Assert.Contains(problem, found);
        var organisation = new Organisation("org-x", text, "company", "test");
        Assert.Equal(DomainRules.Unwritable(text) is null, !DomainRules.Check(organisation).Any(e => e.Field == "name"));
    }

    [Fact]
    public void HalfASurrogatePairIsNoText()
    {
        // Built at run time: an attribute's string cannot hold a lone surrogate.
        Assert.Contains("half a character (U+D800", DomainRules.Unwritable("half " + (char)0xD800 + " pair"));
        Assert.Contains("half a character (U+DC00", DomainRules.Unwritable("end " + (char)0xDC00));
        Assert.Null(DomainRules.Unwritable("whole " + char.ConvertFromUtf32(0x1F600)));
    }
}
