using Network.Analysis.Domain;
using Network.Data.Storage;

namespace Network.Web.Pages.Workspace;

/// <summary>A history entry as a page shows it, with what it needs to link records and offer a revert.</summary>
public sealed record ChangeLine(ChangeEntry Change, bool CanRevert, string Dataset, IReadOnlyDictionary<string, Node> Nodes)
{
    /// <summary>"3 minutes ago", "yesterday 14:05", "2 Mar 2026 09:12" (UTC).</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1))
            return "just now";
        if (age < TimeSpan.FromHours(1))
            return $"{(int)age.TotalMinutes} minute{((int)age.TotalMinutes == 1 ? "" : "s")} ago";
        if (age < TimeSpan.FromHours(24))
            return $"{(int)age.TotalHours} hour{((int)age.TotalHours == 1 ? "" : "s")} ago";
        return at.UtcDateTime.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
    }

    public string Link(string id) => RecordKinds.Link(Dataset, Nodes.GetValueOrDefault(id)?.Label, id);

    public string Name(string id) => Nodes.GetValueOrDefault(id)?.DisplayName ?? id;
}
