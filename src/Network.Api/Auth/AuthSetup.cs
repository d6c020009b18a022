using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Network.Data.Users;

namespace Network.Api.Auth;

/// <summary>Authenticates scripts by the X-Api-Key header.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (users.CheckApiKey(values[0]!) is not { } account)
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(AuthSetup.Principal(account, SchemeName), SchemeName)));
    }
}

public static class AuthSetup
{
    public const string RateWrites = "writes";
    public const string RateImports = "imports";
    public const string RateAnalysis = "analysis";
    public const string RateSurvey = "survey";

    public const string MustChangeClaim = "network:must-change";
    public const string StampClaim = "network:stamp", KeyClaim = "network:key", DatasetClaim = "network:dataset", RestrictedClaim = "network:restricted";

    public static ClaimsPrincipal Principal(UserAccount account, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, account.Role) };
        if (account.Stamp is { } stamp)
            claims.Add(new(StampClaim, stamp));
        if (account.Key is { } key)
            claims.Add(new(KeyClaim, key));
        if (account.Datasets is { } datasets && account.Role != Roles.Admin)
        {
            claims.Add(new(RestrictedClaim, "true"));
            claims.AddRange(datasets.Select(d => new Claim(DatasetClaim, d)));
        }
        return new(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Whether this user may write to the dataset: an editor or admin, and for a partner only their datasets.</summary>
    /// <summary>Whether a signed-in user may read a dataset: every dataset, unless they are limited to some.</summary>
    public static bool CanRead(this ClaimsPrincipal user, string? dataset) =>
        user.Identity?.IsAuthenticated == true
        && (!user.HasClaim(RestrictedClaim, "true") || dataset is null || user.HasClaim(DatasetClaim, dataset));

    /// <summary>
    /// Whether this request may read this dataset: a signed-in user who may (<see cref="CanRead"/>); anyone when the
    /// installation opens reads (Auth:AnonymousRead) or the dataset is opened to anonymous readers — except that a key
    /// that is unknown, expired, revoked or of a disabled user is refused rather than read as anonymous.
    /// </summary>
    public static bool MayRead(HttpContext http, ClaimsPrincipal user, string? dataset)
    {
        if (user.Identity?.IsAuthenticated == true)
            return user.CanRead(dataset);
        if (http.Request.Headers.ContainsKey(ApiKeyHandler.Header))
            return false;
        if (http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.AnonymousRead)
            return true;
        return dataset is not null && http.RequestServices.GetRequiredService<Datasets.DatasetCatalog>().Find(dataset)?.AnonymousRead == true;
    }

    /// <summary>The dataset a request is about: the {dataset} of its route, the {name} of /api/datasets/{name}, or ?dataset= (the duplicates and import pages).</summary>
    public static string? DatasetOf(HttpContext http) =>
        (http.GetRouteValue("dataset") ?? (http.Request.Path.StartsWithSegments("/api/datasets") ? http.GetRouteValue("name") : null))?.ToString()
        ?? (http.Request.Query.TryGetValue("dataset", out var query) && query.Count == 1 ? query[0] : null);

    public static bool CanEdit(this ClaimsPrincipal user, string? dataset) =>
        (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin))
        && (!user.HasClaim(RestrictedClaim, "true") || (dataset is not null && user.HasClaim(DatasetClaim, dataset)));

    /// <summary>Who writes and through what, for the change history: the user, and the API key's name when a key was used.</summary>
    public static Editing.Author Author(this ClaimsPrincipal user, string via = "api") =>
        new(user.UserName(), via == "api" && user.FindFirst(KeyClaim)?.Value is { } key ? $"api key '{key}'" : via);

    /// <summary>Cookies for browsers, API keys for scripts; read/edit/admin policies; rate limits on writes and imports.</summary>
    public static IHostApplicationBuilder AddNetworkAuth(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddSingleton(services => new UserStore(services.GetRequiredService<Network.Api.Datasets.DatasetCatalog>().DataFolder));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SignInThrottle>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Smart";
                o.DefaultChallengeScheme = "Smart";
            })
            .AddPolicyScheme("Smart", "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                // A session lives only while its user is enabled and has not signed out everywhere (or been reset).
                o.Events.OnValidatePrincipal = async context =>
                {
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
                    var name = context.Principal?.Identity?.Name;
                    var current = name is null ? null : users.Find(name);
                    if (current is null || current.Stamp != context.Principal!.FindFirst(StampClaim)?.Value)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
                // The API answers 401/403; a host with pages sends browsers to its sign-in page instead (Network.Web).
                o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            });

        // A colleague signed in with a one-time password may do nothing until they have chosen their own (403), so the
        // password an admin saw never stays in use; a host with pages sends them to its password page first.
        static bool Settled(ClaimsPrincipal user) => !user.HasClaim(MustChangeClaim, "true");
        builder.Services.AddAuthorizationBuilder()
            // Private by default: reading needs a sign-in, unless the installation or the dataset is opened to anonymous readers.
            .AddPolicy(Policies.Read, p => p.RequireAssertion(context => Settled(context.User) &&
                (context.Resource is HttpContext http ? MayRead(http, context.User, DatasetOf(http)) : context.User.Identity?.IsAuthenticated == true)))
            .AddPolicy(Policies.Edit, p => p.RequireRole(Roles.Editor, Roles.Admin).RequireAssertion(context => Settled(context.User) &&
                (context.User.CanEdit(context.Resource is HttpContext http ? DatasetOf(http) : null)
                || !context.User.HasClaim(RestrictedClaim, "true"))))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin).RequireAssertion(context => Settled(context.User)));

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Every date asked for (?asOf=…) is an analysis of its own: anonymous readers get a budget of dates per
            // minute per address, so a stranger cannot make the server analyse hundreds of dates.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated != true && context.Request.Query.ContainsKey("asOf")
                    ? RateLimitPartition.GetFixedWindowLimiter("dated " + Client(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = options.AnonymousDatedReadsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("undated"));
            o.AddPolicy(RateWrites, context => RateLimitPartition.GetFixedWindowLimiter(Client(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.WritesPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(RateImports, context => RateLimitPartition.GetFixedWindowLimiter(Client(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ImportsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // What-ifs and paths re-run the analysis: a client (signed in or by address) gets a budget per minute.
            o.AddPolicy(RateAnalysis, context => RateLimitPartition.GetFixedWindowLimiter(Client(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.AnalysisPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // Survey links are their own credential: every request with a token (page, roster, answer) counts per
            // address, so nobody can try tokens or walk the roster at speed.
            o.AddPolicy(RateSurvey, context => RateLimitPartition.GetFixedWindowLimiter("survey " + Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SurveyRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    /// <summary>Creates the first admin when no user exists yet; returns the one-time password to show once, else null.</summary>
    public static string? EnsureAdmin(this IHost app) => app.Services.GetRequiredService<UserStore>().EnsureAdmin();

    public static string Client(HttpContext context) =>
        context.User.Identity?.Name ?? Address(context);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
