using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The member survey over HTTP: editors run it; a respondent's link is their only credential.</summary>
public sealed class SurveyApiTests : IDisposable
{
    private readonly NetworkApplication _app = new(anonymousRead: false);

    public void Dispose() => _app.Dispose();

    private static string Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd");

    private async Task<(HttpClient Editor, string Id, Dictionary<string, string> Tokens)> OpenSurvey(params string[] organisations)
    {
        var editor = _app.ClientWithRole(Roles.Editor);
        var created = await editor.PostAsJsonAsync("/api/datasets/seed/surveys", new { name = "Partners 2026", closes = Tomorrow });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var invited = await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new { organisations });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var links = (await invited.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .ToDictionary(l => l.GetProperty("organisation").GetString()!, l => l.GetProperty("link").GetString()!);
        return (editor, id, links.ToDictionary(l => l.Key, l => l.Value[(l.Value.LastIndexOf('/') + 1)..]));
    }

    private static async Task<JsonElement> Ties(HttpClient client, string from) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/datasets/seed/relationships?type=PARTNERS_WITH&from={from}&pageSize=100")).GetProperty("items");

    [Fact]
    public async Task AnAnswerBecomesTiesWithTheSurveyAsTheirSourceAndASecondAnswerReplacesIt()
    {
        var (editor, id, tokens) = await OpenSurvey("org-capricorn", "org-vib", "org-imec");
        Assert.Equal(3, tokens.Count);
        Assert.All(tokens.Values, t => Assert.True(t.Length >= 43, "at least 256 bits in URL-safe base64"));
        var stranger = _app.CreateClient();

        var first = await stranger.PostAsJsonAsync($"/api/survey/{tokens["org-capricorn"]}", new
        {
            partners = new object[]
            {
                new { organisation = "org-vib", kinds = new[] { "investor" }, strength = 4, since = "2019-03-01" },
                new { organisation = "org-ku-leuven", kinds = new[] { "joint project", "knowledge exchange" }, strength = 2 },
            },
            sectors = new[] { "sector-life-health" },
            stages = new[] { "finance" },
        });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tie = (await Ties(editor, "org-capricorn")).EnumerateArray().Single(r => r.GetProperty("to").GetString() == "org-vib");
        Assert.StartsWith("survey 'Partners 2026', answered by Capricorn Venture Partners on ", tie.GetProperty("source").GetString());
        Assert.Equal(4, tie.GetProperty("weight").GetDouble());
        Assert.Equal("investor", tie.GetProperty("kind").GetString());
        Assert.Equal("2019-03-01", tie.GetProperty("since").GetString());

        // Answered again: the new answer replaces the old one, ties it no longer names included.
        var second = await stranger.PostAsJsonAsync($"/api/survey/{tokens["org-capricorn"]}", new
        {
            partners = new[] { new { organisation = "org-vib", kinds = new[] { "investor", "customer" }, strength = 5 } },
        });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var ties = (await Ties(editor, "org-capricorn")).EnumerateArray().Where(r => r.GetProperty("source").GetString()!.StartsWith("survey", StringComparison.Ordinal)).ToList();
        Assert.Equal(["org-vib"], ties.Select(t => t.GetProperty("to").GetString()));
        Assert.Equal(5, ties[0].GetProperty("weight").GetDouble());

        // The answer is in the history as one change, made through the survey.
        var change = (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/changes?limit=1"))[0];
        Assert.Contains("survey 'Partners 2026': Capricorn Venture Partners named 1 partner", change.GetProperty("summary").GetString());

        // The vib names Capricorn back: that tie is confirmed.
        Assert.Equal(HttpStatusCode.OK, (await stranger.PostAsJsonAsync($"/api/survey/{tokens["org-vib"]}", new
        {
            partners = new[] { new { organisation = "org-capricorn", kinds = new[] { "investor" }, strength = 3 } },
        })).StatusCode);
        var survey = await editor.GetFromJsonAsync<JsonElement>($"/api/datasets/seed/surveys/{id}");
        Assert.Equal(3, survey.GetProperty("invited").GetInt32());
        Assert.Equal(2, survey.GetProperty("answered").GetInt32());
        Assert.Equal(1, survey.GetProperty("confirmedTies").GetInt32());
        Assert.Equal(0, survey.GetProperty("unconfirmedTies").GetInt32());
        Assert.Equal(["org-imec"], survey.GetProperty("notAnswered").EnumerateArray().Select(o => o.GetString()));

        // Two of three answered: the analysis pages say that the ties rest on part of the members.
        var brokers = (await Html.ParseAsync(await editor.GetAsync("/datasets/seed/brokers"))).QuerySelector("p.survey-note")!.TextContent;
        Assert.Contains("come from answers of 67 % of the members invited — broker ranks may move", brokers);
        var communities = (await Html.ParseAsync(await editor.GetAsync("/datasets/seed/communities"))).QuerySelector("p.survey-note")!.TextContent;
        Assert.Contains("come from answers of 67 % of the members invited — communities may regroup", communities);
        var whatIf = (await Html.ParseAsync(await editor.GetAsync("/datasets/seed/what-if?remove=org-capricorn"))).QuerySelector("p.survey-note")!.TextContent;
        Assert.Contains("come from answers of 67 % of the members invited — what a change breaks", whatIf);
        var report = (await Html.ParseAsync(await editor.GetAsync("/datasets/seed/report"))).QuerySelector("main")!.TextContent;
        Assert.Contains("come from answers of 67 % of the members invited — broker ranks, communities and gaps may change", report);
        var markdown = await editor.GetStringAsync("/datasets/seed/report?handler=markdown");
        Assert.Contains("come from answers of 67 % of the members invited", markdown);
    }

    [Fact]
    public async Task ARevokedOrUnknownLinkIs404AndAClosedSurvey410()
    {
        var (editor, id, tokens) = await OpenSurvey("org-capricorn", "org-vib");
        var stranger = _app.CreateClient();
        var answer = new { partners = new[] { new { organisation = "org-imec", kinds = new[] { "customer" }, strength = 2 } } };

        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/datasets/seed/surveys/{id}/invitations/org-vib")).StatusCode);
        var revoked = await stranger.PostAsJsonAsync($"/api/survey/{tokens["org-vib"]}", answer);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/survey/{new string('x', 43)}", answer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/survey/{tokens["org-vib"]}/roster")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/datasets/seed/surveys/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await stranger.PostAsJsonAsync($"/api/survey/{tokens["org-capricorn"]}", answer)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync($"/survey/{tokens["org-capricorn"]}")).StatusCode);
    }

    [Fact]
    public async Task ABadAnswerNamesWhatIsWrongAndWritesNothing()
    {
        var (editor, _, tokens) = await OpenSurvey("org-capricorn");
        var before = (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/changes?limit=1"))[0].GetProperty("version").GetInt64();
        var bad = await _app.CreateClient().PostAsJsonAsync($"/api/survey/{tokens["org-capricorn"]}", new
        {
            partners = new object[]
            {
                new { organisation = "org-vib", kinds = new[] { "investor" }, strength = 7 },
                new { organisation = "city-leuven", kinds = new[] { "customer" }, strength = 2 },
                new { organisation = "org-capricorn", kinds = new[] { "friendship" }, strength = 2 },
            },
            newPartners = new[] { new { name = "Bad\u0001Name" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("partner 1: must be from 1 (occasional) to 5", text);
        Assert.Contains("partner 2: 'city-leuven' is not an organisation in the list", text);
        Assert.Contains("partner 3: is your own organisation", text);
        Assert.Contains("'friendship' is not one of", text);
        Assert.Contains("new partner 1: contains the control character U+0001", text);
        Assert.Equal(before, (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/changes?limit=1"))[0].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task TheRosterShowsNamesOnlyAndSurveysAreForEditors()
    {
        var (editor, id, tokens) = await OpenSurvey("org-capricorn");
        var roster = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/survey/{tokens["org-capricorn"]}/roster?q=ku leuven");
        var first = roster[0];
        Assert.Equal("org-ku-leuven", first.GetProperty("id").GetString());
        Assert.Equal(["id", "name"], first.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(roster.EnumerateArray(), r => r.GetProperty("id").GetString() == "org-capricorn");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync($"/api/datasets/seed/surveys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientWithRole(Roles.Viewer).PostAsJsonAsync("/api/datasets/seed/surveys", new { name = "x", closes = Tomorrow })).StatusCode);
        var past = await editor.PostAsJsonAsync("/api/datasets/seed/surveys", new { name = "Old", closes = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("has passed", await past.Content.ReadAsStringAsync());

        // Every member invited when none are named; the links as CSV for a mail merge.
        var all = await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new { organisations = Array.Empty<string>() });
        // The seed records one member of Leuven MindGate (Voka Vlaams-Brabant, a founding member).
        Assert.Equal(["org-voka-vlaams-brabant"], (await all.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(l => l.GetProperty("organisation").GetString()));
        var csv = await editor.GetStringAsync($"/api/datasets/seed/surveys/{id}/invitations.csv");
        Assert.StartsWith("organisation,name,email,link,answered", csv.TrimStart('\uFEFF'));
        Assert.Contains(tokens["org-capricorn"], csv);
    }

    [Fact]
    public async Task ASecondSurveyIsComparedWithTheFirstOnTheOverTimePage()
    {
        var (editor, _, first) = await OpenSurvey("org-capricorn", "org-vib");
        var stranger = _app.CreateClient();
        await stranger.PostAsJsonAsync($"/api/survey/{first["org-capricorn"]}", new
        {
            partners = new object[]
            {
                new { organisation = "org-vib", kinds = new[] { "investor" }, strength = 2 },
                new { organisation = "org-imec", kinds = new[] { "customer" }, strength = 3 },
            },
        });
        await stranger.PostAsJsonAsync($"/api/survey/{first["org-vib"]}", new { partners = new[] { new { organisation = "org-imec", kinds = new[] { "customer" }, strength = 3 } } });

        var created = await editor.PostAsJsonAsync("/api/datasets/seed/surveys", new { name = "Partners 2027", closes = Tomorrow });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var links = await (await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new { organisations = new[] { "org-capricorn", "org-vib" } })).Content.ReadFromJsonAsync<JsonElement>();
        var capricorn = links.EnumerateArray().Single(l => l.GetProperty("organisation").GetString() == "org-capricorn").GetProperty("link").GetString()!;
        // A year later Capricorn works more closely with the VIB, no longer with imec, and newly with KU Leuven; the VIB has not answered.
        Assert.Equal(HttpStatusCode.OK, (await stranger.PostAsJsonAsync($"/api/survey/{capricorn[(capricorn.LastIndexOf('/') + 1)..]}", new
        {
            partners = new object[]
            {
                new { organisation = "org-vib", kinds = new[] { "investor" }, strength = 4 },
                new { organisation = "org-ku-leuven", kinds = new[] { "joint project" }, strength = 2 },
            },
        })).StatusCode);

        var page = await Html.ParseAsync(await editor.GetAsync("/datasets/seed/compare"));
        var row = page.QuerySelectorAll("#survey-changes tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        // Appeared 1 (KU Leuven), ended 1 (imec), strengthened 1 (VIB), weakened 0 — the VIB's tie to imec is not counted as ended.
        Assert.Equal(["Partners 2027", "Partners 2026", "1", "1", "1", "0"], row);
    }
}
