using Network.Analysis.Domain;
using Network.Analysis.Text;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Analysis.Tests.Text;

/// <summary>Search finds organisations as people name them, on the shipped CORDIS data and on small cases.</summary>
public sealed class NameSearchTests
{
    private static readonly NetworkGraph Cordis = DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "cordis-h2020-leuven"));

    [Theory]
    [InlineData("KU Leuven", "pic-999991334")]
    [InlineData("ku leuven", "pic-999991334")]
    [InlineData("katholieke universiteit", "pic-999991334")]
    [InlineData("imec", "pic-999981149")]
    [InlineData("IMEC", "pic-999981149")]
    [InlineData("Interuniversitair micro", "pic-999981149")]
    public void TheBestKnownNamesComeFirst(string query, string id) =>
        Assert.Equal(id, NameSearch.Find(Cordis.OfType<Organisation>(), query).First().Id);

    [Fact]
    public void CaseAccentsPunctuationAndWordOrderDoNotMatter()
    {
        var liege = new Organisation("org-uliege", "Université de Liège", "university", "test") { ShortName = "ULiège" };
        var leuven = new Organisation("org-kul", "K.U. Leuven", "university", "test") { OtherNames = ["Katholieke Universiteit Leuven"] };
        Organisation[] all = [liege, leuven];
        Assert.Equal("org-uliege", NameSearch.Find(all, "universite de liege").Single().Id);
        Assert.Equal("org-uliege", NameSearch.Find(all, "ULIEGE").Single().Id);
        Assert.Equal("org-kul", NameSearch.Find(all, "ku leuven").Single().Id);
        Assert.Equal("org-kul", NameSearch.Find(all, "leuven katholieke").Single().Id);
        Assert.Empty(NameSearch.Find(all, "ghent"));
    }

    [Fact]
    public void ExactNamesRankBeforeNamesThatMerelyContainTheQuery()
    {
        Organisation[] all =
        [
            new("org-a", "Adimec", "company", "test"),
            new("org-b", "Stichting Imec Nederland", "research-institute", "test"),
            new("org-c", "Interuniversitair Micro-Electronica Centrum", "research-institute", "test") { ShortName = "IMEC" },
        ];
        Assert.Equal(["org-c", "org-b", "org-a"], NameSearch.Find(all, "imec").Select(o => o.Id));
    }

    [Theory]
    [InlineData("KATHOLIEKE UNIVERSITEIT LEUVEN", "KU Leuven", "KU Leuven")]
    [InlineData("INTERUNIVERSITAIR MICRO-ELECTRONICA CENTRUM", "IMEC", "Interuniversitair Micro-Electronica Centrum")]
    [InlineData("IBM RESEARCH GMBH", "IBM", "IBM Research GmbH")]
    [InlineData("THE UNIVERSITY OF SHEFFIELD", "USFD", "The University of Sheffield")]
    [InlineData("VITO", null, "VITO")]
    [InlineData("Leuven MindGate", null, "Leuven MindGate")]
    public void CapitalsBecomeTheCustomaryName(string name, string? shortName, string expected) =>
        Assert.Equal(expected, CustomaryNames.Of(name, shortName));

    [Fact]
    public void TheSourceSpellingIsKeptAsTheLegalName()
    {
        var ku = (Organisation)Cordis.NodesById()["pic-999991334"];
        Assert.Equal("KU Leuven", ku.Name);
        Assert.Equal("KATHOLIEKE UNIVERSITEIT LEUVEN", ku.LegalName);
        Assert.Equal("KU Leuven", ku.ShortName);
    }
}
