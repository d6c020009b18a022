using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Network.Api.Auth;

namespace Network.Web;

/// <summary>
/// What sign-in means for pages, on top of the API's schemes, policies and keys: browsers are sent to the sign-in
/// page (the API answers 401/403), a colleague with a one-time password to the password page first, and the import
/// page's posts have a rate of their own.
/// </summary>
public static class PageAuth
{
    public const string LoginPath = "/account/login";
    public const string RateImportPage = "import-page";

    public static IHostApplicationBuilder AddPageAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.LoginPath = LoginPath;
            var (toLogin, toDenied) = (o.Events.OnRedirectToLogin, o.Events.OnRedirectToAccessDenied);
            o.Events.OnRedirectToLogin = context => IsPage(context.Request.Path) ? Redirect(context) : toLogin(context);
            o.Events.OnRedirectToAccessDenied = context => IsPage(context.Request.Path) ? Redirect(context) : toDenied(context);
        });
        var imports = (builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions()).ImportsPerMinute;
        builder.Services.Configure<RateLimiterOptions>(o =>
            // The import page's posts (an upload, its preview and its import are three): reading the page is not limited.
            o.AddPolicy(RateImportPage, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("page " + AuthSetup.Client(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = 3 * imports, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("page reads")));
        return builder;
    }

    /// <summary>The first-run admin password, shown once on the console with where to use it.</summary>
    public static void ShowFirstAdmin(this IHost app)
    {
        if (app.EnsureAdmin() is not { } password)
            return;
        Console.WriteLine(new string('=', 100));
        Console.WriteLine($"First run: created user 'admin' with password '{password}'. It is shown only now; sign in at {LoginPath} and keep it safe.");
        Console.WriteLine(new string('=', 100));
    }

    /// <summary>
    /// A colleague signed in with a one-time password goes to /account until they have chosen their own: every other
    /// page redirects there (the API's policies answer 403 meanwhile).
    /// </summary>
    public static IApplicationBuilder UseOwnPasswordFirst(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(AuthSetup.MustChangeClaim, "true") && IsPage(path) && !path.StartsWithSegments("/account")
            && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js") && !path.StartsWithSegments("/lib") && !path.StartsWithSegments("/favicon.svg"))
        {
            context.Response.Redirect("/account?first=1&returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
            return;
        }
        await next();
    });

    /// <summary>Everything but the API, the hub and /health is a page (or its assets).</summary>
    public static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/health");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
