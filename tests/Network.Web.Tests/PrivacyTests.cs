using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>Private by default: reading needs a sign-in unless a dataset is opened; a user limited to datasets sees only those.</summary>
public sealed class PrivacyTests : IDisposable
{
    // The product's defaults: nothing about Auth:AnonymousRead is set.
    private readonly NetworkApplication _app = new(anonymousRead: null);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithTheDefaultsAStrangerReadsNothing()
    {
        var stranger = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/datasets/seed/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/datasets/seed/analysis/brokers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/datasets/seed")).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray());
        var page = await stranger.GetAsync("/datasets/seed/brokers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
        Assert.Contains("/account/login", (await stranger.GetAsync("/")).Headers.Location!.OriginalString);
        // The health check answers, without details.
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task AnAdminOpensOneDatasetToAnonymousReadersAndOnlyThatOne()
    {
        var stranger = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientWithRole(Roles.Editor).PatchAsJsonAsync("/api/datasets/seed", new { anonymousRead = true })).StatusCode);
        var opened = await _app.ClientWithRole(Roles.Admin).PatchAsJsonAsync("/api/datasets/seed", new { anonymousRead = true });
        Assert.True((await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("anonymousRead").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/api/datasets/seed/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/datasets/seed/brokers")).StatusCode);
        // Where the data came from, never where the server keeps it.
        Assert.Equal("data/seed", (await stranger.GetFromJsonAsync<JsonElement>("/api/datasets/seed")).GetProperty("origin").GetString());
        Assert.DoesNotContain(Path.GetDirectoryName(Network.Tests.RepositoryPaths.Root)!, await (await stranger.GetAsync("/datasets/seed")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/datasets/synthetic/organisations")).StatusCode);
        Assert.Equal(["seed"], (await stranger.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        // Writing still needs an editor.
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-x", name = "X", source = "t" })).StatusCode);

        // Created open.
        Assert.Equal(HttpStatusCode.Created, (await _app.ClientWithRole(Roles.Admin).PostAsJsonAsync("/api/datasets", new { name = "public", anonymousRead = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/api/datasets/public/organisations")).StatusCode);
    }

    [Fact]
    public async Task AViewerLimitedToTheSeedReadsAndHearsOnlyTheSeed()
    {
        var users = _app.Services.GetRequiredService<UserStore>();
        Assert.NotNull(users.Invite("vera", Roles.Viewer, ["seed"]));
        // Keys carry their user's datasets: made for vera.
        var veraKey = users.CreateKey("vera", "script", null);
        var vera = _app.CreateClient();
        vera.DefaultRequestHeaders.Add(Network.Api.Auth.ApiKeyHandler.Header, veraKey.Key);
        Assert.Equal(HttpStatusCode.OK, (await vera.GetAsync("/api/datasets/seed/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.GetAsync("/api/datasets/synthetic/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.GetAsync("/api/datasets/synthetic/changes")).StatusCode);
        Assert.Equal(["seed"], (await vera.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray().Select(d => d.GetProperty("name").GetString()));

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/network"), o =>
            {
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                o.Headers.Add(Network.Api.Auth.ApiKeyHandler.Header, veraKey.Key);
            })
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Watch", "seed");
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync("Watch", "synthetic"));
    }
}
