using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>
/// A manager's own members sheet imports itself: headers in English, Dutch or French are recognised, values are read
/// as people write them, ids are slugs, and a row for an organisation the dataset has already updates it.
/// </summary>
public sealed class MembersSheetTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static MultipartFormDataContent Sheet(string fileName, byte[] bytes) =>
        new() { { new ByteArrayContent(bytes), "files", fileName } };

    private static byte[] Utf8(string text, bool bom = false) => [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    private async Task<(JsonElement Mapping, JsonElement Preview)> ProposeAndImport(string fileName, byte[] bytes, bool dryRun)
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var proposed = await client.PostAsync("/api/mappings/propose", Sheet(fileName, bytes));
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var mapping = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        var form = Sheet(fileName, bytes);
        form.Add(new StringContent(mapping.GetRawText()), "mapping");
        var imported = await client.PostAsync($"/api/datasets/seed/import/mapped?dryRun={(dryRun ? "true" : "false")}", form);
        var preview = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(imported.StatusCode == HttpStatusCode.OK, preview.ToString());
        return (mapping, preview);
    }

    [Fact]
    public async Task TheMembersSheetMapsNameCityCountrySectorAndKind()
    {
        var sheet = Utf8("Name, Website, City, Country, Sector, Type, Member since\n"
            + "Leuven Biotech Hub, https://biotech-hub.example, Leuven, Belgium, Life & health sciences, Company, 2021-03-01\n"
            + "KU Leuven, https://www.kuleuven.be, Leuven, BE, Education, University, 2015\n");
        var (mapping, preview) = await ProposeAndImport("members.csv", sheet, dryRun: false);
        var node = mapping.GetProperty("nodes").EnumerateArray().Single();
        Assert.Equal("Organisation", node.GetProperty("label").GetString());
        Assert.Equal("Name", node.GetProperty("name").GetProperty("column").GetString());
        Assert.True(node.GetProperty("id").GetProperty("slug").GetBoolean());
        var properties = node.GetProperty("properties");
        Assert.Equal("Sector", properties.GetProperty("sectors").GetProperty("column").GetString());
        Assert.Equal("Type", properties.GetProperty("kind").GetProperty("column").GetString());
        Assert.Equal("Country", properties.GetProperty("country").GetProperty("column").GetString());
        Assert.Equal("Member since", properties.GetProperty("memberSince").GetProperty("column").GetString());
        Assert.Equal("City", node.GetProperty("city").GetProperty("name").GetString());

        // KU Leuven is the seed's KU Leuven, updated; the hub is new, with a slug id, its sector found by its name.
        var match = Assert.Single(preview.GetProperty("matches").EnumerateArray());
        Assert.Equal("org-ku-leuven", match.GetProperty("id").GetString());
        Assert.StartsWith("the same name as KU Leuven", match.GetProperty("evidence").GetString());
        var client = _app.ClientWithRole(Roles.Viewer);
        var hub = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-leuven-biotech-hub");
        Assert.Equal("company", hub.GetProperty("kind").GetString());
        Assert.Equal("BE", hub.GetProperty("country").GetString());
        Assert.Equal(["sector-life-health"], hub.GetProperty("sectors").EnumerateArray().Select(e => e.GetString()));
        Assert.True(hub.GetProperty("member").GetBoolean());
        Assert.Equal("2021-03-01", hub.GetProperty("memberSince").GetString());
        var ku = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations/org-ku-leuven");
        Assert.True(ku.GetProperty("member").GetBoolean());
        Assert.Equal("2015-01-01", ku.GetProperty("memberSince").GetString());
        Assert.Equal("university", ku.GetProperty("kind").GetString());
        var all = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations?search=KU%20Leuven");
        Assert.Equal("org-ku-leuven", Assert.Single(all.GetProperty("items").EnumerateArray(), o => o.GetProperty("name").GetString() == "KU Leuven").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnExcelCsvWithBomSemicolonsAndWindowsLineEndsInDutchImports()
    {
        var sheet = Utf8("Naam;Stad;Land;Sector;Soort;Lid sinds\r\n"
            + "Vlaams Zorgplatform;Gent;België;Care;Vereniging;15/09/2020\r\n"
            + "Ondernemerscentrum Hasselt;Hasselt;België;ICT & software;Intermediair;2019\r\n", bom: true);
        var (_, preview) = await ProposeAndImport("leden.csv", sheet, dryRun: true);
        Assert.True(preview.GetProperty("valid").GetBoolean(), preview.ToString());
        var nodes = preview.GetProperty("sampleNodes").EnumerateArray().Where(n => n.GetProperty("label").GetString() == "Organisation").ToList();
        var zorg = nodes.SingleOrDefault(n => n.GetProperty("id").GetString() == "org-vlaams-zorgplatform");
        Assert.True(zorg.ValueKind == JsonValueKind.Object, preview.ToString());
        Assert.Equal("civil-society", zorg.GetProperty("kind").GetString());
        Assert.Equal(["sector-care"], zorg.GetProperty("sectors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2020-09-15", zorg.GetProperty("memberSince").GetString());
        Assert.Equal("intermediary", nodes.Single(n => n.GetProperty("id").GetString() == "org-ondernemerscentrum-hasselt").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AFrenchCrmExportWithExtraColumnsAndAKumuExportImport()
    {
        var crm = Utf8("Nom,Ville,Pays,Secteur,Type d'organisation,Site web,E-mail,Téléphone,Responsable\n"
            + "Wallonie Santé,Liège,Belgique,Life & health sciences,Entreprise,https://wallonie-sante.example,info@example.org,+32 4 000 00 00,Anne\n");
        var (mapping, preview) = await ProposeAndImport("export-crm.csv", crm, dryRun: true);
        Assert.True(preview.GetProperty("valid").GetBoolean(), preview.ToString());
        var properties = mapping.GetProperty("nodes")[0].GetProperty("properties");
        Assert.Equal("Site web", properties.GetProperty("website").GetProperty("column").GetString());
        var node = preview.GetProperty("sampleNodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "org-wallonie-sante");
        Assert.Equal("company", node.GetProperty("kind").GetString());

        var kumu = Utf8("Label,Type,Description,Tags,Sector,Country\n"
            + "Imec,Research institute,Nano-electronics,\"leuven; semis\",Nanotechnology,BE\n"
            + "Flanders Bike Valley,Cluster,Bike cluster,,Mechatronics,Belgium\n");
        var (_, kumuPreview) = await ProposeAndImport("kumu-elements.csv", kumu, dryRun: true);
        Assert.True(kumuPreview.GetProperty("valid").GetBoolean(), kumuPreview.ToString());
        // "Imec" is the seed's imec: the same name, updated rather than duplicated.
        Assert.Contains(kumuPreview.GetProperty("matches").EnumerateArray(), m => m.GetProperty("id").GetString() == "org-imec");
    }
}
