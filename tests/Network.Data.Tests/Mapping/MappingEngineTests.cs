using System.Text.Json;
using Network.Analysis.Domain;
using Network.Analysis.Projection;
using Network.Data.Formats;
using Network.Data.Mapping;
using Network.Tests;

namespace Network.Data.Tests.Mapping;

/// <summary>The two real datasets through their mappings, checked against the files themselves.</summary>
public class MappingEngineTests
{
    private static readonly string Cordis = Path.Combine(RepositoryPaths.Root, "data", "cordis-h2020-leuven");
    private static readonly string Twins = Path.Combine(RepositoryPaths.Root, "data", "sister-cities");
    private static readonly MappingEngine.Result CordisResult = MappingEngine.Read(MappingFile.Load(Path.Combine(Cordis, "mapping.json")), Cordis);

    /// <summary>Rows of a simple CSV file (these files quote only names, which these tests do not split).</summary>
    private static List<string[]> Lines(string folder, string file) =>
        File.ReadLines(Path.Combine(folder, file)).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public void CordisImportsEveryRowOfEveryFile()
    {
        Assert.Empty(CordisResult.Errors);
        var graph = CordisResult.Graph;
        Assert.Equal(5271, CordisResult.RowsRead["organisations.csv"]);
        Assert.Equal(5271, graph.OfType<Organisation>().Count());
        Assert.Equal(919, graph.OfType<Agreement>().Count());
        Assert.All(graph.OfType<Agreement>(), a => Assert.Equal("project", a.Kind));
        Assert.Equal(12512, CordisResult.RowsRead["participations.csv"]);
        var pairs = Lines(Cordis, "participations.csv").Select(f => (f[0], f[1])).Distinct().Count();
        Assert.Equal(pairs, graph.OfType(RelationshipType.PartyTo).Count());
    }

    [Fact]
    public void OrganisationsWithoutANameImportHonestly()
    {
        var unnamed = CordisResult.Graph.OfType<Organisation>().Where(o => o.Name.StartsWith("unnamed organisation (PIC ", StringComparison.Ordinal)).ToList();
        var emptyNames = Lines(Cordis, "organisations.csv").Count(f => f[1].Length == 0);
        Assert.Equal(emptyNames, unnamed.Count);
        Assert.Contains(unnamed, o => o.Name == "unnamed organisation (PIC 918272908)" && o.Kind == "company" && o.Country == "NL");
        Assert.True(unnamed.Count > 1000);
    }

    [Fact]
    public void CordisTypesAndCountriesAreTranslated()
    {
        var graph = CordisResult.Graph;
        var ku = graph.OfType<Organisation>().Single(o => o.Id == "pic-999991334");
        // Shown by its customary name, CORDIS's spelling kept.
        Assert.Equal("KU Leuven", ku.Name);
        Assert.Equal("KATHOLIEKE UNIVERSITEIT LEUVEN", ku.LegalName);
        Assert.Equal("university", ku.Kind);
        Assert.Equal("research-institute", graph.OfType<Organisation>().Single(o => o.Id == "pic-999981149").Kind);
        Assert.DoesNotContain(graph.OfType<Organisation>(), o => o.Country is "UK" or "EL");
        var leuven = graph.OfType(RelationshipType.LocatedIn).Single(r => r.From == ku.Id).To;
        Assert.Equal("city-leuven-be", leuven);
    }

    [Fact]
    public void KuLeuvensPartnersAndItsTieWithImecMatchTheFiles()
    {
        var rows = Lines(Cordis, "participations.csv").Select(f => (Project: f[0], Organisation: f[1])).Distinct().ToList();
        var kuProjects = rows.Where(r => r.Organisation == "999991334").Select(r => r.Project).ToHashSet();
        var imecProjects = rows.Where(r => r.Organisation == "999981149").Select(r => r.Project).ToHashSet();
        var partners = rows.Where(r => kuProjects.Contains(r.Project) && r.Organisation != "999991334").Select(r => r.Organisation).Distinct().Count();

        var network = OrganisationProjection.Project(CordisResult.Graph);
        var ku = network.Graph.IndexOf("pic-999991334");
        Assert.Equal(partners, network.Graph.Degree(ku));
        var tie = network.Tie("pic-999991334", "pic-999981149")!;
        Assert.Equal(kuProjects.Intersect(imecProjects).Count(), tie.Weight);
        Assert.All(tie.Reasons, r => Assert.Equal(TieKind.Agreement, r.Kind));
    }

    [Fact]
    public void TwinTownsBecomeTwinnedCitiesMatchedToTheGraphsCities()
    {
        var seed = CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));
        var result = MappingEngine.Read(MappingFile.Load(Path.Combine(Twins, "mapping.json")), Twins, seed);
        Assert.Empty(result.Errors);
        Assert.Equal(709, result.RowsRead["sister_cities_belgium.csv"]);
        var rows = Lines(Twins, "sister_cities_belgium.csv");
        var twinned = result.Graph.OfType(RelationshipType.TwinnedWith).ToList();
        Assert.True(twinned.Count is > 690 and <= 709, $"{twinned.Count} twinnings");
        // Leuven's twins attach to the seed's Leuven instead of a second Leuven.
        var leuvenTwins = twinned.Where(r => r.From == "city-leuven" || r.To == "city-leuven").ToList();
        Assert.Equal(rows.Count(f => f[0] == "Leuven" || f[4] == "Leuven"), leuvenTwins.Count);
        Assert.DoesNotContain(result.Graph.OfType<City>(), c => c.Name == "Leuven");
        Assert.Contains(result.Graph.OfType<City>(), c => c.Name == "Kraków" && c.Country == "PL");
    }

    private static string MappingWith(Func<string, string> change)
    {
        var folder = Path.Combine(Path.GetTempPath(), "network-mapping", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Cordis, "*.csv"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(folder, "mapping.json"), change(File.ReadAllText(Path.Combine(Cordis, "mapping.json"))));
        return folder;
    }

    [Fact]
    public void AnUnknownColumnIsRefusedNamingTheFileAndColumn()
    {
        var folder = MappingWith(json => json.Replace("\"column\": \"type\"", "\"column\": \"typ\"", StringComparison.Ordinal));
        var failure = Assert.Throws<ValidationFailedException>(() => DataFolder.Read(folder));
        var error = Assert.Single(failure.Errors);
        Assert.Contains("organisations.csv", error.Where);
        Assert.Contains("'typ'", error.Message);
    }

    [Fact]
    public void ABadValueTranslationIsRefusedNamingFileColumnAndValue()
    {
        var folder = MappingWith(json => json.Replace("\"HES\": \"university\"", "\"HES\": \"uni\"", StringComparison.Ordinal));
        var failure = Assert.Throws<ValidationFailedException>(() => DataFolder.Read(folder));
        var error = Assert.Single(failure.Errors);
        Assert.Contains("organisations.csv", error.Where);
        Assert.Equal("type", error.Field);
        Assert.Contains("'HES' translates to 'uni'", error.Message);
    }

    [Fact]
    public void AnUnknownLabelTypeOrPropertyIsRefused()
    {
        var folder = MappingWith(json => json.Replace("\"PARTY_TO\"", "\"PAYS\"", StringComparison.Ordinal).Replace("\"validTo\"", "\"validUntil\"", StringComparison.Ordinal));
        var failure = Assert.Throws<ValidationFailedException>(() => DataFolder.Read(folder));
        Assert.Contains(failure.Errors, e => e.Message.Contains("'PAYS' is not a relationship type"));
        Assert.Contains(failure.Errors, e => e.Message.Contains("no property 'validUntil'"));
    }

    [Fact]
    public void AMappingWithAMisspelledKeyIsRefused()
    {
        var folder = MappingWith(json => json.Replace("\"relationships\"", "\"relations\"", StringComparison.Ordinal));
        Assert.Throws<InvalidDataException>(() => DataFolder.Read(folder));
    }

    [Fact]
    public void TheShippedMappingsAreValidJson()
    {
        foreach (var folder in new[] { Cordis, Twins })
            Assert.Empty(MappingEngine.CheckMapping(JsonSerializer.Deserialize<MappingFile>(File.ReadAllText(Path.Combine(folder, "mapping.json")), MappingFile.Json)!, folder));
    }
}
