using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>Failures a hostile or unlucky day found (issue 22), each a test that failed before its fix.</summary>
public sealed class HardeningTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("Bad\uFFFEname")]
    [InlineData("Bad\uFFFFname")]
    public async Task TextXmlCannotCarryIsRefusedWithA400NamingTheField(string name)
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsJsonAsync("/api/datasets/seed/organisations", new { id = "org-bad-text", name, kind = "company", source = "test" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name", await response.Content.ReadAsStringAsync());
        // An import refuses it the same way, and the exports stay readable.
        var csv = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"id,name,kind,source\norg-x,{name},company,test\n")), "files", "organisations.csv" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/datasets/seed/import", csv)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/export/graphml")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"m","source":"s","nodes":null,"relationships":[]}""", "nodes")]
    [InlineData("""{"name":"m","source":"s","nodes":[{"file":"a.csv","label":"Organisation","id":null,"name":{"column":"name"}}],"relationships":[]}""", "id")]
    [InlineData("""{"name":"m","source":"s","nodes":[],"relationships":[{"file":"a.csv","type":"PARTNERS_WITH","from":null,"to":{"id":{"column":"b"}}}]}""", "from")]
    public async Task AMappingWithNullsIsA400NamingThePartNeverA500(string mapping, string part)
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("id,name\na,A\n"u8.ToArray()), "files", "a.csv" },
            { new StringContent(mapping), "mapping" },
        };
        var imported = await client.PostAsync("/api/datasets/seed/import/mapped?dryRun=true", form);
        Assert.Equal(HttpStatusCode.BadRequest, imported.StatusCode);
        Assert.Equal("application/problem+json", imported.Content.Headers.ContentType?.MediaType);
        var body = await imported.Content.ReadAsStringAsync();
        Assert.Contains(part, body);
        Assert.DoesNotContain(Path.GetTempPath(), body);

        var saved = await client.PutAsync("/api/mappings/broken", new StringContent(mapping, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/mappings/broken")).StatusCode);
    }

    [Fact]
    public async Task AMissingFileIsNamedWithoutTheServersFolder()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("id,name\na,A\n"u8.ToArray()), "files", "a.csv" },
            { new StringContent("""{"name":"m","source":"s","nodes":[{"file":"b.csv","label":"Organisation","id":{"column":"id"},"name":{"column":"name"}}],"relationships":[]}"""), "mapping" },
        };
        var body = await (await client.PostAsync("/api/datasets/seed/import/mapped?dryRun=true", form)).Content.ReadAsStringAsync();
        Assert.Contains("'b.csv' is not among the files (a.csv)", body);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), body);
    }

    [Fact]
    public async Task OnlyAdminsCreateDatasets()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientWithRole(Roles.Editor).PostAsJsonAsync("/api/datasets", new { name = "by-editor" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _app.ClientWithRole(Roles.Admin).PostAsJsonAsync("/api/datasets", new { name = "by-admin" })).StatusCode);
    }

    [Fact]
    public async Task TheFirstRunAdminPasswordMustBeReplacedAtTheFirstSignIn()
    {
        var folder = Path.Combine(Path.GetTempPath(), "network-users", Guid.NewGuid().ToString("N"));
        var users = new UserStore(folder);
        Assert.NotNull(users.EnsureAdmin());
        Assert.True(users.MustChangePassword("admin"));

        // Through the sign-in form: the printed password leads to the page that replaces it, and nowhere else.
        var password = UserStore.NewPassword();
        _app.Services.GetRequiredService<UserStore>().SetUser("admin2", password, Roles.Admin, mustChange: true);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)login.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "admin2", ["Password"] = password, ["__RequestVerificationToken"] = token }));
        Assert.StartsWith("/account?first=1", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-3")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=501")]
    [InlineData("page=2147483647")]
    public async Task APageOutOfRangeIsA400NotAnotherPage(string query)
    {
        var client = _app.ClientWithRole(Roles.Viewer);
        foreach (var list in new[] { "organisations", "relationships" })
        {
            var response = await client.GetAsync($"/api/datasets/seed/{list}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var past = await client.GetFromJsonAsync<JsonElement>("/api/datasets/seed/organisations?page=1000");
        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
        Assert.Equal(1000, past.GetProperty("number").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3651)]
    public async Task AKeysLifetimeOutOfRangeIsA400(int days)
    {
        var admin = _app.ClientWithRole(Roles.Admin);
        _app.Services.GetRequiredService<UserStore>().SetUser("kim", "a long enough password", Roles.Viewer);
        var response = await admin.PostAsJsonAsync("/api/users/kim/keys", new { name = "k", expiresInDays = days });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expiresInDays", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users/kim/keys", new { name = "k2", expiresInDays = 30 })).StatusCode);
    }

    [Fact]
    public async Task APasswordResetEndsTheSignInLock()
    {
        _app.Services.GetRequiredService<UserStore>().SetUser("lou", "the right password here", Roles.Editor);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)login.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        Task<HttpResponseMessage> SignIn(string password) =>
            client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "lou", ["Password"] = password, ["__RequestVerificationToken"] = token }));
        for (var i = 0; i < 5; i++)
            await SignIn("wrong");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn("the right password here")).StatusCode);

        var reset = await _app.ClientWithRole(Roles.Admin).PatchAsJsonAsync("/api/users/lou", new { resetPassword = true });
        var password = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(password)).StatusCode);
    }

    [Fact]
    public async Task ManyDatesKeepOnlyTheRecentAnalysesAndAnonymousReadersHaveABudgetOfDates()
    {
        var analysis = _app.Services.GetRequiredService<Network.Api.Analysis.AnalysisService>();
        var viewer = _app.ClientWithRole(Roles.Viewer);
        for (var day = 1; day <= 12; day++)
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/datasets/seed/analysis/metrics?asOf=2020-01-{day:00}")).StatusCode);
        Assert.Equal(analysis.DatedAnalysesKept, analysis.DatedAnalysesHeld);

        var stranger = _app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var day = 1; day <= 21; day++)
            answers.Add((await stranger.GetAsync($"/api/datasets/seed/analysis/metrics?asOf=2021-02-{day:00}")).StatusCode);
        Assert.Equal(20, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        // Undated reads are not counted against the budget.
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/api/datasets/seed/analysis/metrics")).StatusCode);
    }

    [Fact]
    public async Task AStoreDeletedWhileStoppedIsReportedMissingNotRecreated()
    {
        var admin = _app.ClientWithRole(Roles.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/datasets", new { name = "fragile" })).StatusCode);
        var folder = _app.DataFolder;
        _app.Dispose();
        var file = Path.Combine(folder, "fragile.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);

        using var restarted = new NetworkApplication(folder);
        var health = await restarted.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(report.GetProperty("datasets").EnumerateArray(), d => d.GetProperty("name").GetString() == "fragile" && !d.GetProperty("healthy").GetBoolean());
        var write = await restarted.ClientWithRole(Roles.Editor).PostAsJsonAsync("/api/datasets/fragile/sectors", new { id = "sector-x", name = "X", source = "test" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Contains("missing", await write.Content.ReadAsStringAsync());
        Assert.False(File.Exists(file));
        // The other datasets go on.
        Assert.Equal(HttpStatusCode.OK, (await restarted.ClientWithRole(Roles.Viewer).GetAsync("/api/datasets/seed/organisations")).StatusCode);
    }
}
