namespace Network.Web;

/// <summary>
/// The headers every answer carries: no MIME sniffing, no framing, same-origin referrers; pages also a strict content
/// security policy — scripts, styles, images and connections from this server only, no inline script or style — which
/// the pages keep to (their scripts are modules in wwwroot/js, their pictures SVG attributes, not style attributes).
/// The API reference (Scalar) is left out of the page policy: it is a third-party page with inline scripts.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api/reference") && !path.StartsWithSegments("/openapi"))
            headers.ContentSecurityPolicy = PagePolicy;
        await next();
    });
}
