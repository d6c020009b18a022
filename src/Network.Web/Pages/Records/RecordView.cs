using System.Globalization;
using Network.Analysis.Domain;

namespace Network.Web.Pages.Records;

/// <summary>A relationship seen from one of its ends: what it says in words, the record at the other end, and its details.</summary>
/// <param name="Confirmation">For a partnership: "confirmed by both", "unconfirmed — named only by X", or null.</param>
public sealed record RelationshipLine(string Phrase, Relationship Relationship, Node? Other, IReadOnlyList<(string Name, string Value)> Details, string? Confirmation = null);

/// <summary>A record's fields and relationships as a page shows them.</summary>
public static class RecordView
{
    /// <summary>The fields of a record, in the words of the domain model; empty values left out.</summary>
    public static IReadOnlyList<(string Name, string Value)> Properties(Node node, IReadOnlyDictionary<string, Node> nodes)
    {
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        string Names(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => nodes.GetValueOrDefault(id)?.DisplayName ?? id));
        IEnumerable<(string, string)> fields = node switch
        {
            Organisation o =>
            [
                ("short name", o.ShortName ?? ""), ("name in the source", o.LegalName ?? ""), ("other names", string.Join("; ", o.OtherNames)),
                ("kind", o.Kind), ("sectors", Names(o.Sectors)), ("stages", string.Join(", ", o.Stages)),
                ("platform member", o.Member ? "yes" + (o.MemberSince is { } s ? $", since {D(s)}" : "") : "no"),
                ("country", o.Country ?? ""), ("website", o.Website ?? ""),
            ],
            Person p => [("role", p.Role ?? "")],
            City c => [("country", c.Country), ("region", c.Region ?? "")],
            Agreement a => [("kind", a.Kind), ("signed on", D(a.SignedOn)), ("valid from", D(a.ValidFrom)), ("valid to", D(a.ValidTo))],
            Event e => [("kind", e.Kind), ("date", D(e.Date))],
            _ => [],
        };
        return fields.Where(f => f.Item2.Length > 0).ToList();
    }

    public static IReadOnlyList<RelationshipLine> Relationships(Node node, IEnumerable<Relationship> relationships, IReadOnlyDictionary<string, Node> nodes)
    {
        var all = relationships.ToList();
        // A partnership both sides recorded is one line (this record's own side first), said to be confirmed.
        var partnerships = all.Where(r => r.Type == RelationshipType.PartnersWith).GroupBy(r => r.From == node.Id ? r.To : r.From)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.From == node.Id).ToList());
        return all
            .Where(r => r.Type != RelationshipType.PartnersWith || partnerships[r.From == node.Id ? r.To : r.From][0] == r)
            .Select(r =>
            {
                var outgoing = r.From == node.Id;
                var other = nodes.GetValueOrDefault(outgoing ? r.To : r.From);
                var confirmation = r.Type == RelationshipType.PartnersWith
                    ? Network.Analysis.Projection.OrganisationProjection.Confirmation(partnerships[r.From == node.Id ? r.To : r.From]) : null;
                if (confirmation == "unconfirmed")
                    confirmation = $"unconfirmed — named only by {nodes.GetValueOrDefault(r.From)?.DisplayName ?? r.From}";
                return new RelationshipLine(Phrase(r.Type, outgoing), r, other, Details(r), confirmation);
            })
            .OrderBy(l => l.Phrase, StringComparer.Ordinal).ThenBy(l => l.Other?.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public static string Phrase(RelationshipType type, bool outgoing) => (type, outgoing) switch
    {
        (RelationshipType.WorksFor, true) => "works for",
        (RelationshipType.WorksFor, false) => "people",
        (RelationshipType.LocatedIn, true) => "located in",
        (RelationshipType.LocatedIn, false) => "located here",
        (RelationshipType.PartyTo, true) => "party to",
        (RelationshipType.PartyTo, false) => "parties",
        (RelationshipType.Concerns, true) => "concerns",
        (RelationshipType.Concerns, false) => "agreements about it",
        (RelationshipType.ActiveIn, true) => "active in",
        (RelationshipType.ActiveIn, false) => "organisations active in it",
        (RelationshipType.MemberOf, true) => "member of",
        (RelationshipType.MemberOf, false) => "members",
        (RelationshipType.ParticipatedIn, true) => "took part in",
        (RelationshipType.ParticipatedIn, false) => "participants",
        (RelationshipType.PartnersWith, _) => "partners with",
        _ => "twinned with",
    };

    private static IReadOnlyList<(string, string)> Details(Relationship r)
    {
        var details = new List<(string, string)>();
        if (r.Role is { Length: > 0 } role)
            details.Add(("role", role));
        if (r.Kind is { Length: > 0 } kind)
            details.Add(("kind", kind));
        if (r.Weight is { } w)
            details.Add(("weight", w.ToString("0.##", CultureInfo.InvariantCulture)));
        if (r.Stages.Count > 0)
            details.Add(("stages", string.Join(", ", r.Stages)));
        if (r.Since is { } since)
            details.Add(("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (r.Until is { } until)
            details.Add(("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return details;
    }
}
