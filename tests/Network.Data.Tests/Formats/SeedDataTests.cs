using Network.Analysis.Domain;
using Network.Data.Formats;

namespace Network.Data.Tests.Formats;

/// <summary>The hand-curated seed ecosystem: it loads cleanly and says what the five documents say.</summary>
public class SeedDataTests
{
    private static readonly NetworkGraph Seed = CsvBundle.Read(TestPaths.SeedFolder);

    private static bool Party(string organisation, string agreement) =>
        Seed.OfType(RelationshipType.PartyTo).Any(r => r.From == organisation && r.To == agreement);

    private static bool Participated(string actor, string @event) =>
        Seed.OfType(RelationshipType.ParticipatedIn).Any(r => r.From == actor && r.To == @event);

    private static string IdOf(string name) => Seed.Nodes.Single(n => n.DisplayName == name).Id;

    [Fact]
    public void LoadsWithoutValidationErrorsAndHasWellOverSixtyNodes()
    {
        Assert.True(Seed.Nodes.Count > 60, $"{Seed.Nodes.Count} nodes");
        foreach (var label in Enum.GetValues<NodeLabel>())
            Assert.Contains(Seed.Nodes, n => n.Label == label);
    }

    [Fact]
    public void EveryRecordCitesItsSourceDocument()
    {
        Assert.All(Seed.Nodes, n => Assert.Matches("^seeds/00[0-4] ", n.Source));
        Assert.All(Seed.Relationships, r => Assert.Matches("^seeds/00[0-4] ", r.Source));
    }

    [Fact]
    public void CapricornFoundedTheCleanIndustryFundWithWuxiCapitalAndScorpio()
    {
        var fund = IdOf("Capricorn Scorpio Clean Industry fund");
        Assert.True(Party(IdOf("Capricorn Venture Partners"), fund));
        Assert.True(Party(IdOf("Wuxi Capital"), fund));
        Assert.True(Party(IdOf("Scorpio Investment Partners"), fund));
        Assert.Contains(Seed.OfType(RelationshipType.Concerns), r => r.From == fund && r.To == "sector-cleantech");
    }

    [Fact]
    public void TheLeuvenDelegationToWuxiWasMindGateTheCityImecAndCapricornLedByRidouani()
    {
        var delegation = IdOf("Leuvense delegatie naar Wuxi");
        foreach (var member in new[] { "Leuven MindGate", "Stad Leuven", "imec", "Capricorn Venture Partners" })
            Assert.True(Participated(IdOf(member), delegation), member);
        Assert.Contains(Seed.OfType(RelationshipType.ParticipatedIn), r => r.From == IdOf("Mohamed Ridouani") && r.To == delegation && r.Role == "leader");
    }

    [Fact]
    public void LimburgSignedTheLedPartnershipWithGscAndIsTwinnedWithGuangdong()
    {
        Assert.True(Party("org-provincie-limburg", "agr-gsc-led-partnership"));
        Assert.True(Party("org-gsc", "agr-gsc-led-partnership"));
        Assert.True(Party("org-provincie-limburg", "agr-limburg-guangdong-twinning"));
        Assert.True(Party("org-provincie-guangdong", "agr-limburg-guangdong-twinning"));
        Assert.Equal(new DateOnly(2015, 6, 1), Seed.OfType<Agreement>().Single(a => a.Id == "agr-limburg-guangdong-twinning").SignedOn);
    }

    [Fact]
    public void VokaLimburgSignedWithCcpitAndUHasseltMetGdut()
    {
        Assert.True(Party(IdOf("Voka – KvK Limburg"), "agr-voka-ccpit"));
        Assert.True(Party(IdOf("China Council for the Promotion of International Trade (CCPIT)"), "agr-voka-ccpit"));
        Assert.True(Participated("org-uhasselt", "event-guangdong-delegation-limburg"));
        Assert.True(Participated("org-gdut", "event-guangdong-delegation-limburg"));
    }

    [Fact]
    public void SkolkovoVisitedAntwerpAndCpsLabCameToAntwerp()
    {
        Assert.True(Participated("org-skolkovo", "event-skolkovo-visits-antwerpen"));
        Assert.True(Participated("org-stad-antwerpen", "event-skolkovo-visits-antwerpen"));
        Assert.Contains(Seed.OfType(RelationshipType.LocatedIn), r => r.From == "event-skolkovo-visits-antwerpen" && r.To == "city-antwerpen");
        Assert.True(Party("org-cps-lab", "agr-cps-lab-antwerpen"));
    }

    [Fact]
    public void TheLeuvenPolicyNoteNamesTheClustersAndTheirAnchors()
    {
        foreach (var sector in new[] { "sector-life-health", "sector-ict-software", "sector-mechatronics", "sector-nanotech" })
            Assert.Contains(Seed.Nodes, n => n.Id == sector);
        Assert.Contains(Seed.OfType(RelationshipType.ActiveIn), r => r.From == IdOf("VIB") && r.To == "sector-life-health");
        Assert.Contains(Seed.OfType(RelationshipType.ActiveIn), r => r.From == "org-dsp-valley" && r.To == "sector-ict-software");
        Assert.True(Party("org-ku-leuven-lrd", "agr-bipool-leuven-genk"));
        Assert.True(Party("city-genk", "agr-bipool-leuven-genk"));
    }

    [Fact]
    public void EveryCityTheIssueNamesIsThere()
    {
        var cities = Seed.OfType<City>().Select(c => c.Name).ToHashSet();
        foreach (var city in new[] { "Leuven", "Wuxi", "Tienen", "Diest", "Aarschot", "Rotselaar", "Hasselt", "Genk", "Antwerpen" })
            Assert.Contains(city, cities);
    }

    [Fact]
    public void VokaVlaamsBrabantIsAFoundingMemberOfLeuvenMindGate()
    {
        var voka = Seed.OfType<Organisation>().Single(o => o.Id == "org-voka-vlaams-brabant");
        Assert.True(voka.Member);
        Assert.Contains(Seed.OfType(RelationshipType.MemberOf), r => r.From == voka.Id && r.To == "org-leuven-mindgate");
    }
}
