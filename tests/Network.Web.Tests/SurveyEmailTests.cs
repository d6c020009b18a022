using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>Survey links e-mailed through an SMTP server (a real one on a loopback port), and the server without one.</summary>
public sealed class SurveyEmailTests : IDisposable
{
    private readonly SmtpSink _smtp = new();
    private readonly NetworkApplication _app;

    public SurveyEmailTests()
    {
        _app = new NetworkApplication(anonymousRead: false, settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:EnableSsl"] = "false",
            ["Smtp:From"] = "Leuven MindGate <survey@mindgate.example>",
        });
    }

    public void Dispose()
    {
        _app.Dispose();
        _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static string InAMonth => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd");

    private static async Task<(HttpClient Editor, string Id)> Survey(NetworkApplication app)
    {
        var editor = app.ClientWithRole(Roles.Editor);
        var created = await editor.PostAsJsonAsync("/api/datasets/seed/surveys", new { name = "Partners 2026", closes = InAMonth, introduction = "Twee minuten, beloofd." });
        return (editor, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private async Task<ReceivedMail> NextMail()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _smtp.Received.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>The text of a message: its body after the headers, base64 as the product sends it.</summary>
    private static string Body(ReceivedMail mail)
    {
        var at = mail.Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(mail.Data[(at + 4)..].Split("\r\n").Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task LinksAreEmailedToTheAddressesGivenAndARefusedMailboxStopsTheSendingSayingHowFarItGot()
    {
        var (editor, id) = await Survey(_app);
        var invited = await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new
        {
            organisations = new[] { "org-capricorn", "org-vib", "org-imec" },
            emails = new Dictionary<string, string> { ["org-capricorn"] = "partners@capricorn.example", ["org-vib"] = "office@vib.example" },
        });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var links = (await invited.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(l => l.GetProperty("organisation").GetString()!);
        Assert.Equal("partners@capricorn.example", links["org-capricorn"].GetProperty("email").GetString());

        var sent = await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations/send", new { });
        var report = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(sent.StatusCode == HttpStatusCode.OK, report.ToString());
        Assert.Equal(2, report.GetProperty("sent").GetInt32());
        Assert.Equal(["org-imec"], report.GetProperty("withoutAddress").EnumerateArray().Select(o => o.GetString()));
        var mails = new[] { await NextMail(), await NextMail() }.ToDictionary(m => m.To);
        var capricorn = Body(mails["partners@capricorn.example"]);
        Assert.Contains("Beste Capricorn Venture Partners,", capricorn);
        Assert.Contains("Twee minuten, beloofd.", capricorn);
        Assert.Contains(links["org-capricorn"].GetProperty("link").GetString()!, capricorn);
        Assert.DoesNotContain(links["org-vib"].GetProperty("link").GetString()!, capricorn);
        Assert.Contains(links["org-vib"].GetProperty("link").GetString()!, Body(mails["office@vib.example"]));
        Assert.Contains("From: \"Leuven MindGate\" <survey@mindgate.example>", mails["office@vib.example"].Data);

        // imec's mailbox does not exist: the server refuses it, and the answer says so; nothing else is sent twice.
        _smtp.Refuse.Add("nobody@imec.example");
        Assert.Equal(HttpStatusCode.NoContent, (await editor.PutAsJsonAsync($"/api/datasets/seed/surveys/{id}/emails",
            new { emails = new Dictionary<string, string> { ["org-imec"] = "nobody@imec.example" } })).StatusCode);
        var refused = await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations/send", new { notSent = true });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.StartsWith("0 sent; then the mail server refused", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await editor.PutAsJsonAsync($"/api/datasets/seed/surveys/{id}/emails",
            new { emails = new Dictionary<string, string> { ["org-imec"] = "research@imec.example" } })).StatusCode);
        var rest = await (await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations/send", new { notSent = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, rest.GetProperty("sent").GetInt32());
        Assert.Equal("research@imec.example", (await NextMail()).To);
        var list = await editor.GetFromJsonAsync<JsonElement>($"/api/datasets/seed/surveys/{id}/invitations");
        Assert.All(list.EnumerateArray(), l => Assert.Equal(JsonValueKind.String, l.GetProperty("sent").ValueKind));
    }

    [Fact]
    public async Task AddressesAreCheckedWholeAndABadOneChangesNothing()
    {
        var (editor, id) = await Survey(_app);
        await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new { organisations = new[] { "org-capricorn", "org-vib" } });
        var bad = await editor.PutAsJsonAsync($"/api/datasets/seed/surveys/{id}/emails", new
        {
            emails = new Dictionary<string, string>
            {
                ["org-capricorn"] = "partners@capricorn.example",
                ["org-vib"] = "office@vib.example\r\nBcc: everyone@example.com",
                ["org-skolkovo"] = "a@b.example",
            },
        });
        var problem = (await bad.Content.ReadFromJsonAsync<JsonElement>()).ToString();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("org-vib", problem);
        Assert.Contains("org-skolkovo", problem);
        Assert.Contains("is not invited to this survey", problem);
        var list = await editor.GetFromJsonAsync<JsonElement>($"/api/datasets/seed/surveys/{id}/invitations");
        Assert.All(list.EnumerateArray(), l => Assert.False(l.TryGetProperty("email", out _), l.ToString()));
    }

    /// <summary>Posts a form of the dashboard with its antiforgery token, following the redirect to the page that says what happened.</summary>
    private static async Task<AngleSharp.Dom.IDocument> Submit(HttpClient editor, AngleSharp.Dom.IDocument page, string handler, Dictionary<string, string> fields)
    {
        var form = page.QuerySelectorAll("form").First(f => (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase));
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
            fields.TryAdd(input.GetAttribute("name")!, input.GetAttribute("value") ?? "");
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        return await Html.ParseAsync(await editor.SendAsync(post));
    }

    [Fact]
    public async Task OnTheDashboardAddressesArePastedFromASpreadsheetAndTheLinksEmailed()
    {
        var (editor, id) = await Survey(_app);
        await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations", new { organisations = new[] { "org-capricorn", "org-vib" } });
        var page = await Html.ParseAsync(await editor.GetAsync($"/datasets/seed/surveys/{id}"));
        Assert.Contains("0 of 2 invited organisations have an address", page.GetElementById("email")!.TextContent);

        // A name nobody invited names its line, and nothing is kept.
        var wrong = await Submit(editor, page, "Emails", new() { ["emails"] = "Capricorn Venture Partners; partners@capricorn.example\nNobody Inc; x@nobody.example" });
        Assert.Contains("line 2: 'Nobody Inc' is not an invited organisation", wrong.QuerySelector("p.error")!.TextContent);
        Assert.Contains("0 of 2 invited organisations have an address", wrong.GetElementById("email")!.TextContent);

        var kept = await Submit(editor, page, "Emails", new() { ["emails"] = "capricorn venture partners\tpartners@capricorn.example\r\n\"VIB\";\"office@vib.example\"" });
        Assert.Contains("2 addresses kept.", kept.QuerySelector("p.notice")!.TextContent);
        Assert.Contains("office@vib.example", kept.GetElementById("not-answered")!.TextContent);

        var sent = await Submit(editor, kept, "Send", new() { ["notSent"] = "true" });
        Assert.Contains("2 links e-mailed.", sent.QuerySelector("p.notice")!.TextContent);
        Assert.Equal(["office@vib.example", "partners@capricorn.example"], new[] { (await NextMail()).To, (await NextMail()).To }.Order());
        Assert.Contains("e-mailed", sent.GetElementById("not-answered")!.TextContent);
    }

    [Fact]
    public async Task WithoutAnSmtpHostNothingIsSentAndTheAnswerSaysWhatToDoInstead()
    {
        await using var app = new NetworkApplication(anonymousRead: false);
        var (editor, id) = await Survey(app);
        var answer = await editor.PostAsJsonAsync($"/api/datasets/seed/surveys/{id}/invitations/send", new { });
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("mail merge", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
