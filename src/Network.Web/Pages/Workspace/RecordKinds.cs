using Network.Analysis.Domain;

namespace Network.Web.Pages.Workspace;

/// <summary>The URL segment of each node kind (/datasets/{dataset}/organisations/{id}) and its words.</summary>
public static class RecordKinds
{
    public const string Pattern = "organisations|people|cities|agreements|sectors|events";

    public static readonly IReadOnlyList<(NodeLabel Label, string Segment, string Singular, string Plural)> All =
    [
        (NodeLabel.Organisation, "organisations", "organisation", "organisations"),
        (NodeLabel.Person, "people", "person", "people"),
        (NodeLabel.City, "cities", "city", "cities"),
        (NodeLabel.Agreement, "agreements", "agreement", "agreements"),
        (NodeLabel.Sector, "sectors", "sector", "sectors"),
        (NodeLabel.Event, "events", "event", "events"),
    ];

    public static string Segment(NodeLabel label) => All.First(k => k.Label == label).Segment;

    public static string Singular(NodeLabel label) => All.First(k => k.Label == label).Singular;

    public static string Plural(NodeLabel label) => All.First(k => k.Label == label).Plural;

    public static NodeLabel? FromSegment(string? segment) =>
        All.FirstOrDefault(k => k.Segment == segment) is { Segment: not null } k ? k.Label : null;

    /// <summary>"3 organisations", "1 person".</summary>
    public static string Count(NodeLabel label, int count) => $"{count:N0} {(count == 1 ? Singular(label) : Plural(label))}";

    public static string Link(string dataset, NodeLabel? label, string id) =>
        label is { } l ? $"/datasets/{Uri.EscapeDataString(dataset)}/{Segment(l)}/{Uri.EscapeDataString(id)}" : $"/datasets/{Uri.EscapeDataString(dataset)}";
}
