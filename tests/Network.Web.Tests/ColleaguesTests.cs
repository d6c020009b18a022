using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>A platform team: an admin invites colleagues, their keys write under their names, roles and datasets hold, disabling is immediate.</summary>
public sealed class ColleaguesTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient Admin() => _app.ClientWithRole(Roles.Admin);

    private async Task<string> InviteAsync(string name, string role, string[]? datasets = null)
    {
        var response = await Admin().PostAsJsonAsync("/api/users", new { name, role, datasets });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
    }

    private async Task<HttpClient> KeyOfAsync(string user, string keyName)
    {
        var response = await Admin().PostAsJsonAsync($"/api/users/{user}/keys", new { name = keyName, expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHandler.Header, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        return client;
    }

    private async Task<HttpClient> SignInAsync(string name, string password)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)page.QuerySelector("form input[name=__RequestVerificationToken]")!).Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> RenameSectorAsync(HttpClient client, string name)
    {
        var current = await client.GetAsync("/api/datasets/seed/sectors/sector-care");
        var sector = await current.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        sector!["name"] = JsonSerializer.SerializeToElement(name);
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/datasets/seed/sectors/sector-care") { Content = JsonContent.Create(sector) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        return await client.SendAsync(put);
    }

    [Fact]
    public async Task AnInvitedEditorsKeyWritesUnderTheirNameAndTheKeysAndTheViewerIsRefused()
    {
        await InviteAsync("maria", Roles.Editor);
        await InviteAsync("bert", Roles.Viewer);
        var users = await Admin().GetFromJsonAsync<JsonElement>("/api/users");
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("name").GetString() == "maria" && u.GetProperty("role").GetString() == "editor");
        Assert.All(users.EnumerateArray(), u => Assert.DoesNotContain(u.EnumerateObject(), p => p.Name is "password" or "passwordHash" or "key"));

        var maria = await KeyOfAsync("maria", "CRM sync");
        Assert.Equal(HttpStatusCode.OK, (await RenameSectorAsync(maria, "Care & welfare")).StatusCode);
        var change = (await maria.GetFromJsonAsync<JsonElement>("/api/datasets/seed/changes?user=maria"))[0];
        Assert.Equal("maria", change.GetProperty("by").GetString());
        Assert.Equal("api key 'CRM sync'", change.GetProperty("via").GetString());
        var item = change.GetProperty("items")[0];
        Assert.Contains("\"name\":\"Care\"", item.GetProperty("before").GetString());
        Assert.Contains("Care \\u0026 welfare", item.GetProperty("after").GetString());

        var bert = await KeyOfAsync("bert", "reader");
        Assert.Equal(HttpStatusCode.Forbidden, (await RenameSectorAsync(bert, "Nope")).StatusCode);
        var page = await Html.ParseAsync(await bert.GetAsync("/datasets/seed/sectors/sector-care"));
        Assert.Empty(page.QuerySelectorAll(".actions a.primary, a[href$='/edit'], a[href$='/new']"));
        var list = await Html.ParseAsync(await bert.GetAsync("/datasets/seed/organisations"));
        Assert.Empty(list.QuerySelectorAll("a[href$='/new']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await bert.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task APartnerEditsOnlyTheirDataset()
    {
        await InviteAsync("partner", Roles.Editor, ["synthetic"]);
        var partner = await KeyOfAsync("partner", "partner key");
        // Another dataset is not theirs to change, nor, limited as they are, to read.
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/datasets/seed/sectors/sector-care")).StatusCode);
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/datasets/seed/sectors/sector-care") { Content = JsonContent.Create(new { id = "sector-care", name = "Not theirs", source = "t" }) };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.SendAsync(put)).StatusCode);
        var created = await partner.PostAsJsonAsync("/api/datasets/synthetic/sectors", new { id = "sec-partner", name = "Photonics" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task ADisabledUsersSessionsAndKeysStopAtOnce()
    {
        // An editor who has chosen her own password (an invitation's one-time password would first lead to /account).
        const string password = "eva's own long password";
        _app.Services.GetRequiredService<UserStore>().SetUser("eva", password, Roles.Editor);
        var session = await SignInAsync("eva", password);
        var key = await KeyOfAsync("eva", "script");
        Assert.Contains("eva", (await Html.ParseAsync(await session.GetAsync("/datasets/seed"))).QuerySelector("header")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/datasets/seed/sectors/sector-care")).StatusCode);

        var disabled = await Admin().PatchAsJsonAsync("/api/users/eva", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.DoesNotContain("eva", (await Html.ParseAsync(await session.GetAsync("/datasets/seed"))).QuerySelector("header")!.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/datasets/seed/sectors/sector-care")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sec-eva", name = "X" })).StatusCode);
    }

    [Fact]
    public async Task AResetPasswordIsShownOnceEndsSessionsAndMustBeReplacedByOneThatPassesThePolicy()
    {
        var first = await InviteAsync("lotte", Roles.Viewer);
        var session = await SignInAsync("lotte", first);
        var reset = await (await Admin().PatchAsJsonAsync("/api/users/lotte", new { resetPassword = true })).Content.ReadFromJsonAsync<JsonElement>();
        var second = reset.GetProperty("password").GetString()!;
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("lotte", (await Html.ParseAsync(await session.GetAsync("/datasets/seed"))).QuerySelector("header")!.TextContent);

        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)login.QuerySelector("form input[name=__RequestVerificationToken]")!).Value;
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "lotte", ["Password"] = second, ["__RequestVerificationToken"] = token }));
        Assert.StartsWith("/account?first=1", signedIn.Headers.Location!.OriginalString);
        // Until they choose their own password, every page leads back to the account page and the API refuses.
        Assert.StartsWith("/account?first=1", (await client.GetAsync("/datasets/seed")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/datasets/seed/organisations")).StatusCode);

        var account = await Html.ParseAsync(await client.GetAsync("/account?first=1"));
        var formToken = ((IHtmlInputElement)account.QuerySelector("form[action*=Password] input[name=__RequestVerificationToken]")!).Value;
        var weak = await Html.ParseAsync(await client.PostAsync("/account?handler=Password", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["current"] = second, ["password"] = "short", ["confirm"] = "short", ["__RequestVerificationToken"] = formToken })));
        Assert.Contains("at least 12 characters", weak.GetElementById("error-password")!.TextContent);
        var chosen = await client.PostAsync("/account?handler=Password", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["current"] = second, ["password"] = "three little green apples", ["confirm"] = "three little green apples", ["__RequestVerificationToken"] = formToken }));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.NotNull(_app.Services.GetRequiredService<UserStore>().CheckPassword("lotte", "three little green apples"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/datasets/seed")).StatusCode);
        Assert.False(_app.Services.GetRequiredService<UserStore>().MustChangePassword("lotte"));
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccountEvenForTheRightOne()
    {
        _app.Services.GetRequiredService<UserStore>().SetUser("tom", "the right password for tom", Roles.Editor);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)login.QuerySelector("form input[name=__RequestVerificationToken]")!).Value;
        FormUrlEncodedContent Form(string password) => new(new Dictionary<string, string> { ["Name"] = "tom", ["Password"] = password, ["__RequestVerificationToken"] = token });
        for (var i = 0; i < SignInThrottle.PerAccount; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/account/login", Form("wrong " + i))).StatusCode);
        var locked = await client.PostAsync("/account/login", Form("the right password for tom"));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins", (await Html.ParseAsync(locked)).QuerySelector("p.error")!.TextContent);
    }

    [Fact]
    public async Task TheAdminPageInvitesAndShowsThePasswordOnce()
    {
        var admin = _app.ClientWithRole(Roles.Admin);
        var page = await Html.ParseAsync(await admin.GetAsync("/admin/users"));
        var token = ((IHtmlInputElement)page.QuerySelector("form[action*=Invite] input[name=__RequestVerificationToken]")!).Value;
        var invited = await Html.ParseAsync(await admin.PostAsync("/admin/users?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["name"] = "an.editor", ["role"] = "editor", ["__RequestVerificationToken"] = token })));
        var password = invited.QuerySelector(".notice code.key")!.TextContent;
        Assert.NotNull(_app.Services.GetRequiredService<UserStore>().CheckPassword("an.editor", password));
        Assert.Contains(invited.QuerySelectorAll("table.users tr[data-user]"), r => r.GetAttribute("data-user") == "an.editor");
        var again = await Html.ParseAsync(await admin.GetAsync("/admin/users"));
        Assert.Null(again.QuerySelector(".notice code.key"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientWithRole(Roles.Editor).GetAsync("/admin/users")).StatusCode);
    }
}
