using System.Diagnostics;
using System.Globalization;

namespace Network.Web;

/// <summary>
/// Every page answer says how long the server took to produce it (Server-Timing: app;dur=ms, the W3C header browsers
/// show in their network panel), so that page speed is measured where a user meets it — by bench/pages.sh — not guessed.
/// </summary>
public static class ServerTiming
{
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var watch = Stopwatch.StartNew();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Server-Timing"] = "app;dur=" + watch.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next();
    });
}
