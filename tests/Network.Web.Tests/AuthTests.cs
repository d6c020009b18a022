using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class AuthTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void TheFirstRunAdminPasswordIsRandomAndGivenOnlyOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "network-users", Guid.NewGuid().ToString("N"));
        var users = new UserStore(folder);
        var password = users.EnsureAdmin();
        Assert.NotNull(password);
        Assert.True(password!.Length >= 20);
        Assert.Null(users.EnsureAdmin());
        Assert.Null(new UserStore(folder).EnsureAdmin());
        Assert.Equal(Roles.Admin, users.CheckPassword("admin", password)!.Role);
        Assert.Null(users.CheckPassword("admin", "admin"));
        Assert.DoesNotContain(password, File.ReadAllText(Path.Combine(folder, "users.db")));
    }

    [Fact]
    public async Task AnEditorSignsInThroughTheFormWithItsAntiforgeryTokenAndCanThenWrite()
    {
        _app.Services.GetRequiredService<UserStore>().SetUser("eva", "correct horse battery", Roles.Editor);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await Html.ParseAsync(await client.GetAsync("/account/login"));
        var token = ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        var withoutToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "eva", ["Password"] = "correct horse battery" }));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var wrong = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "eva", ["Password"] = "nope", ["__RequestVerificationToken"] = token }));
        Assert.Contains("do not match", await wrong.Content.ReadAsStringAsync());

        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "eva", ["Password"] = "correct horse battery", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var created = await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-by-eva", name = "Photonics" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("eva", (await Html.ParseAsync(await client.GetAsync("/datasets/seed"))).QuerySelector("header")!.TextContent);
    }

    [Fact]
    public async Task WithAnonymousReadOffReadsNeedASignIn()
    {
        using var closed = _app.WithWebHostBuilder(b => b.UseSetting("Auth:AnonymousRead", "false"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await closed.CreateClient().GetAsync("/api/datasets/seed/organisations")).StatusCode);
        var key = closed.Services.GetRequiredService<UserStore>().CreateApiKey("reader", Roles.Viewer);
        var reader = closed.CreateClient();
        reader.DefaultRequestHeaders.Add(ApiKeyHandler.Header, key);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/datasets/seed/organisations")).StatusCode);
    }

    [Fact]
    public async Task ImportsBeyondTheRateLimitAreRefusedWith429()
    {
        using var limited = _app.WithWebHostBuilder(b => b.UseSetting("Auth:ImportsPerMinute", "1"));
        var key = limited.Services.GetRequiredService<UserStore>().CreateApiKey("importer", Roles.Editor);
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHandler.Header, key);
        MultipartFormDataContent Form()
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent("id,name,source\n"), "files", "people.csv");
            return form;
        }
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/api/datasets/seed/import?dryRun=true", Form())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/api/datasets/seed/import?dryRun=true", Form())).StatusCode);
    }

    [Fact]
    public async Task TheImportPagesUploadsAreRateLimitedButReadingThePageIsNot()
    {
        using var limited = _app.WithWebHostBuilder(b => b.UseSetting("Auth:ImportsPerMinute", "1"));
        var key = limited.Services.GetRequiredService<UserStore>().CreateApiKey("page-importer", Roles.Editor);
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHandler.Header, key);
        // One import flow is three posts (upload, preview, import): a fourth within the minute waits.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsync("/import?handler=Upload", new MultipartFormDataContent { { new StringContent("id,name\n"), "files", "a.csv" } })).StatusCode);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        var page = await client.GetAsync("/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task AnonymousWhatIfsBeyondTheirBudgetAreRefusedWith429InTheApiAndThePage()
    {
        using var limited = _app.WithWebHostBuilder(b => b.UseSetting("Auth:AnalysisPerMinute", "2"));
        var client = limited.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/analysis/whatif/org-capricorn")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/analysis/whatif/org-imec")).StatusCode);
        var refused = await client.GetAsync("/api/datasets/seed/analysis/whatif/org-vib");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/datasets/seed/what-if?remove=org-vib")).StatusCode);
    }
}
