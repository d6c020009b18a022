using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Network.Web.Pages.Workspace;

/// <summary>
/// Small pictures drawn on the server as SVG (no style attributes, so the page works under a strict CSP). Only numbers
/// enter the markup here; every text a user typed is written by Razor, which encodes it.
/// </summary>
public static class Charts
{
    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A horizontal bar of value / max, for a table cell.</summary>
    public static IHtmlContent Bar(double value, double max, string tone = "")
    {
        var width = max <= 0 || !double.IsFinite(value) ? 0 : Math.Clamp(100 * value / max, 0, 100);
        return new HtmlString($"<svg class=\"bar {tone}\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" width=\"100\" height=\"8\" rx=\"2\"/><rect width=\"{F(Math.Max(width, value > 0 ? 1 : 0))}\" height=\"8\" rx=\"2\"/></svg>");
    }

    /// <summary>Two bars side by side in one cell: a solid one for in-region counts, a hatched one for outside.</summary>
    public static IHtmlContent Split(int inside, int outside, int max)
    {
        var scale = max <= 0 ? 0 : 100.0 / max;
        var (a, b) = (inside * scale, outside * scale);
        return new HtmlString($"<svg class=\"split\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" width=\"100\" height=\"8\" rx=\"2\"/><rect class=\"inside\" width=\"{F(a)}\" height=\"8\"/><rect class=\"outside\" x=\"{F(a)}\" width=\"{F(b)}\" height=\"8\"/></svg>");
    }

    /// <summary>The heat class of a count: heat-0 (none) to heat-4 (many), relative to the largest cell.</summary>
    public static string Heat(int count, int max) =>
        count == 0 ? "heat-0" : max <= 1 ? "heat-2" : "heat-" + Math.Clamp(1 + (int)Math.Floor(3.0 * (count - 1) / Math.Max(1, max - 1)), 1, 4);
}
