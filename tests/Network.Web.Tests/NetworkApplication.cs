using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The whole web host over a fresh, temporary data folder; first start seeds it as a newcomer's would.</summary>
/// <param name="dataFolder">An existing installation's folder, to start a server again over it (a restart).</param>
/// <param name="anonymousRead">
/// Auth:AnonymousRead. Most tests are about other things and read as an installation that opens its reads would;
/// null keeps the product's default (private), which the tests of privacy use.
/// </param>
/// <param name="settings">Further configuration (e.g. an SMTP host for the e-mail tests).</param>
public sealed class NetworkApplication(string? dataFolder = null, bool? anonymousRead = true, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = dataFolder ?? Path.Combine(Path.GetTempPath(), "network-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("Storage:SyntheticMembers", "60");
        if (anonymousRead is { } open)
            builder.UseSetting("Auth:AnonymousRead", open ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }

    /// <summary>A client that authenticates with a fresh API key of the given role.</summary>
    public HttpClient ClientWithRole(string role)
    {
        var key = Services.GetRequiredService<UserStore>().CreateApiKey($"test-{role}-{Guid.NewGuid():N}", role);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHandler.Header, key);
        return client;
    }
}
