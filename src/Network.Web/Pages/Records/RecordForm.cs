using System.Globalization;
using Network.Analysis.Domain;

namespace Network.Web.Pages.Records;

/// <summary>
/// The fields of a record as a form holds them: text as typed, so that a refused form comes back as the person left it.
/// <see cref="ToNode"/> turns it into a record or names each field it cannot read; the domain rules check the rest.
/// </summary>
public sealed class RecordForm
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Source { get; set; }
    public string? Role { get; set; }
    public string? Country { get; set; }
    public string? Region { get; set; }
    public string? City { get; set; }

    /// <summary>The city's name as typed in the picker, used when no city was chosen from it.</summary>
    public string? CityName { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Stages { get; set; } = [];
    public bool Member { get; set; }
    public string? MemberSince { get; set; }
    public string? Website { get; set; }
    public string? ShortName { get; set; }
    public string? OtherNames { get; set; }
    public string? LegalName { get; set; }
    public string? SignedOn { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidTo { get; set; }
    public string? Date { get; set; }

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static RecordForm From(Node node, string? city) => node switch
    {
        Organisation o => new() { Id = o.Id, Name = o.Name, Kind = o.Kind, Source = o.Source, Sectors = [.. o.Sectors], Stages = [.. o.Stages], Member = o.Member, MemberSince = D(o.MemberSince), Website = o.Website, Country = o.Country, City = city, ShortName = o.ShortName, OtherNames = string.Join("; ", o.OtherNames), LegalName = o.LegalName },
        Person p => new() { Id = p.Id, Name = p.Name, Source = p.Source, Role = p.Role },
        City c => new() { Id = c.Id, Name = c.Name, Source = c.Source, Country = c.Country, Region = c.Region },
        Agreement a => new() { Id = a.Id, Name = a.Title, Kind = a.Kind, Source = a.Source, SignedOn = D(a.SignedOn), ValidFrom = D(a.ValidFrom), ValidTo = D(a.ValidTo) },
        Sector s => new() { Id = s.Id, Name = s.Name, Source = s.Source },
        Event e => new() { Id = e.Id, Name = e.Title, Kind = e.Kind, Source = e.Source, Date = D(e.Date) },
        _ => new(),
    };

    /// <summary>The record these fields describe, and the fields it could not read (field name → message; those are left empty).</summary>
    public (Node Node, IReadOnlyList<(string Field, string Message)> Errors) ToNode(NodeLabel label, string id)
    {
        var errors = new List<(string, string)>();
        DateOnly? ParseDate(string? text, string field)
        {
            var (date, error) = Workspace.Dates.Parse(text, field);
            if (error is not null)
                errors.Add((field, error[(error.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
            return date;
        }
        string T(string? text) => text?.Trim() ?? "";
        string? O(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Node node = label switch
        {
            NodeLabel.Organisation => new Organisation(id, T(Name), T(Kind), T(Source))
            {
                Sectors = Sectors.Where(s => s.Length > 0).Distinct().ToList(),
                Stages = Stages.Where(s => s.Length > 0).Distinct().ToList(),
                Member = Member,
                MemberSince = ParseDate(MemberSince, nameof(MemberSince)),
                Website = O(Website),
                Country = O(Country)?.ToUpperInvariant(),
                ShortName = O(ShortName),
                LegalName = O(LegalName),
                OtherNames = (OtherNames ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList(),
            },
            NodeLabel.Person => new Person(id, T(Name), T(Source)) { Role = O(Role) },
            NodeLabel.City => new City(id, T(Name), T(Country).ToUpperInvariant(), T(Source)) { Region = O(Region) },
            NodeLabel.Agreement => new Agreement(id, T(Name), T(Kind), T(Source)) { SignedOn = ParseDate(SignedOn, nameof(SignedOn)), ValidFrom = ParseDate(ValidFrom, nameof(ValidFrom)), ValidTo = ParseDate(ValidTo, nameof(ValidTo)) },
            NodeLabel.Sector => new Sector(id, T(Name), T(Source)),
            _ => new Event(id, T(Name), T(Kind), T(Source)) { Date = ParseDate(Date, nameof(Date)) },
        };
        return (node, errors);
    }

    /// <summary>The form field a domain rule's field name belongs to ("title" is the form's name field).</summary>
    public static string FieldOf(string ruleField) => ruleField switch
    {
        "title" or "name" => nameof(Name),
        "memberSince" => nameof(MemberSince),
        "validTo" => nameof(ValidTo),
        "validFrom" => nameof(ValidFrom),
        "signedOn" => nameof(SignedOn),
        var other => char.ToUpperInvariant(other[0]) + other[1..],
    };
}
