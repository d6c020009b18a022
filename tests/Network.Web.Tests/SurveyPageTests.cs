using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The respondent's page without script: it shows the roster's names only, takes a typed answer, and says so.</summary>
public sealed class SurveyPageTests : IDisposable
{
    private readonly NetworkApplication _app = new(anonymousRead: false);

    public void Dispose() => _app.Dispose();

    private async Task<string> Token(string organisation)
    {
        var editor = _app.ClientWithRole(Roles.Editor);
        var created = await editor.PostAsJsonAsync("/api/datasets/seed/surveys", new { name = "Partners 2026", closes = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9).ToString("yyyy-MM-dd"), introduction = "Hello <b>members</b>" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var links = await (await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new { organisations = new[] { organisation } })).Content.ReadFromJsonAsync<JsonElement>();
        var link = links[0].GetProperty("link").GetString()!;
        return link[(link.LastIndexOf('/') + 1)..];
    }

    [Fact]
    public async Task ARespondentAnswersWithoutScriptInDutch()
    {
        var token = await Token("org-capricorn");
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl-BE");
        var page = await client.GetAsync($"/survey/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("<html lang=\"nl\"", html);
        Assert.Contains("Met wie werkt uw organisatie samen?", html);
        Assert.Contains("Hello &lt;b&gt;members&lt;/b&gt;", html);
        // Nothing of the data but the roster's names: no workspace header, no links into the dataset.
        Assert.DoesNotContain("/datasets/seed", html);

        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("form#survey-form")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Partners[0].Name"] = "VIB",
            ["Partners[0].Kinds"] = "investor",
            ["Partners[0].Strength"] = "4",
            ["Partners[1].Name"] = "A Start-up Nobody Knows",
            ["Partners[1].Kinds"] = "customer",
            ["Partners[1].Strength"] = "2",
        };
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/survey/{token}?lang=nl") { Content = new FormUrlEncodedContent(fields) };
        foreach (var cookie in cookies)
            post.Headers.Add("Cookie", cookie.Split(';')[0]);
        var answered = await _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(post);
        Assert.True(answered.StatusCode == HttpStatusCode.Redirect, await answered.Content.ReadAsStringAsync());
        var done = await client.GetStringAsync(answered.Headers.Location!.OriginalString);
        Assert.Contains("Dank u", done);

        // The typed name that is an organisation's became a tie; the unknown one a suggestion for the team.
        var editor = _app.ClientWithRole(Roles.Editor);
        var ties = (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships?type=PARTNERS_WITH&from=org-capricorn")).GetProperty("items");
        Assert.Contains(ties.EnumerateArray(), t => t.GetProperty("to").GetString() == "org-vib" && t.GetProperty("source").GetString()!.StartsWith("survey 'Partners 2026'", StringComparison.Ordinal));
        var id = (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/surveys"))[0].GetProperty("id").GetString();
        var dashboard = await Html.ParseAsync(await editor.GetAsync($"/datasets/seed/surveys/{id}"));
        Assert.Contains("A Start-up Nobody Knows", dashboard.Body!.TextContent);
        // One click from the suggestion to a new organisation's form, filled in with the name and where it came from.
        var add = dashboard.QuerySelector("a.add-partner")!.GetAttribute("href")!;
        var newRecord = await Html.ParseAsync(await editor.GetAsync(add));
        Assert.Equal("A Start-up Nobody Knows", newRecord.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        var source = newRecord.QuerySelector("[name='Form.Source']")!;
        Assert.StartsWith("named by Capricorn Venture Partners in the survey 'Partners 2026'", source.TextContent + source.GetAttribute("value"));
    }

    [Fact]
    public async Task APartnerNamedOutsideTheListThatEntityResolutionFindsIsLinkedNotAdded()
    {
        var token = await Token("org-capricorn");
        var answered = await _app.CreateClient().PostAsJsonAsync($"/api/survey/{token}", new
        {
            partners = Array.Empty<object>(),
            newPartners = new[] { new { name = "IMEC", city = "Leuven" }, new { name = "Brand New Robotics", city = "Leuven" } },
        });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var editor = _app.ClientWithRole(Roles.Editor);
        var id = (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/surveys"))[0].GetProperty("id").GetString();
        var page = await editor.GetAsync($"/datasets/seed/surveys/{id}");
        var dashboard = await Html.ParseAsync(page);
        var rows = dashboard.QuerySelectorAll("table.new-partners tbody tr").ToDictionary(r => r.QuerySelector("td")!.TextContent.Trim());
        // "IMEC" is imec, written in capitals: the same name, at the threshold — linked, not added as a duplicate.
        Assert.Contains("the same", rows["IMEC"].TextContent);
        Assert.Contains("the same name as \"imec\"", rows["IMEC"].TextContent);
        Assert.Null(rows["IMEC"].QuerySelector("a.add-partner"));
        Assert.Contains("no organisation resembles it", rows["Brand New Robotics"].TextContent);
        Assert.NotNull(rows["Brand New Robotics"].QuerySelector("a.add-partner"));

        var form = rows["IMEC"].QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields["__RequestVerificationToken"] = dashboard.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        var linked = await editor.SendAsync(post);
        Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
        var ties = (await editor.GetFromJsonAsync<JsonElement>("/api/datasets/seed/relationships?type=PARTNERS_WITH&from=org-capricorn")).GetProperty("items");
        Assert.Contains(ties.EnumerateArray(), t => t.GetProperty("to").GetString() == "org-imec"
            && t.GetProperty("source").GetString()!.StartsWith("survey 'Partners 2026', answered by Capricorn Venture Partners on ", StringComparison.Ordinal)
            && t.GetProperty("source").GetString()!.EndsWith("(named as 'IMEC')", StringComparison.Ordinal));
        var after = await Html.ParseAsync(await editor.GetAsync($"/datasets/seed/surveys/{id}"));
        Assert.Contains("linked", after.QuerySelectorAll("table.new-partners tbody tr").Single(r => r.TextContent.Contains("IMEC", StringComparison.Ordinal)).TextContent);

        // Only a name the respondent gave can be linked.
        fields["name"] = "Something Capricorn never said";
        using var forged = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryTokenIsRefused()
    {
        var token = await Token("org-vib");
        var response = await _app.CreateClient().PostAsync($"/survey/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Partners[0].Name"] = "imec", ["Partners[0].Kinds"] = "customer" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
