using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Network.Analysis.Domain;

namespace Network.Data.Formats;

/// <summary>
/// A Kumu-style sheet: <c>elements.csv</c> (Label, Type, and optionally Kind, Country, Role, Description) and
/// <c>connections.csv</c> (From, To, Type, and optionally Weight). Elements are known by their label, as in Kumu.
/// Element types map to node labels (Organisation/Organization/Company/University/Investor/…, Person, City,
/// Agreement/Project/Fund/MoU, Sector, Event); a connection type that names a relationship ("works for",
/// PARTY_TO) is used as given, otherwise it follows from the ends (person → organisation: WORKS_FOR,
/// organisation → organisation: PARTNERS_WITH, → agreement: PARTY_TO, → city: LOCATED_IN, → event: PARTICIPATED_IN,
/// → sector: ACTIVE_IN or CONCERNS, city → city: TWINNED_WITH). Problems are reported by file, row and column.
/// </summary>
public static partial class KumuSheet
{
    public const string ElementsFile = "elements.csv";
    public const string ConnectionsFile = "connections.csv";

    private static readonly Dictionary<string, (NodeLabel Label, string? Kind)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["organisation"] = (NodeLabel.Organisation, null), ["organization"] = (NodeLabel.Organisation, null),
        ["company"] = (NodeLabel.Organisation, "company"), ["startup"] = (NodeLabel.Organisation, "company"),
        ["university"] = (NodeLabel.Organisation, "university"), ["research institute"] = (NodeLabel.Organisation, "research-institute"),
        ["investor"] = (NodeLabel.Organisation, "investor"), ["government"] = (NodeLabel.Organisation, "government"),
        ["intermediary"] = (NodeLabel.Organisation, "intermediary"), ["ngo"] = (NodeLabel.Organisation, "civil-society"),
        ["person"] = (NodeLabel.Person, null), ["people"] = (NodeLabel.Person, null),
        ["city"] = (NodeLabel.City, null),
        ["agreement"] = (NodeLabel.Agreement, null), ["project"] = (NodeLabel.Agreement, "project"), ["fund"] = (NodeLabel.Agreement, "fund"),
        ["mou"] = (NodeLabel.Agreement, "mou"), ["partnership"] = (NodeLabel.Agreement, "partnership"),
        ["sector"] = (NodeLabel.Sector, null), ["cluster"] = (NodeLabel.Sector, null),
        ["event"] = (NodeLabel.Event, null),
    };

    public static bool IsSheet(string folder) => File.Exists(Path.Combine(folder, ElementsFile));

    public static (NetworkGraph Graph, IReadOnlyList<ValidationError> Errors) Read(string folder)
    {
        var errors = new List<ValidationError>();
        var nodes = new List<Node>();
        var idOf = new Dictionary<string, (string Id, NodeLabel Label)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, get) in Rows(Path.Combine(folder, ElementsFile), ["Label", "Type"], errors))
        {
            var where = $"{ElementsFile} row {row}";
            var label = get("Label");
            var type = get("Type");
            if (string.IsNullOrWhiteSpace(label))
            {
                errors.Add(new(where, "Label", "is required"));
                continue;
            }
            if (type is null || !Types.TryGetValue(type.Trim(), out var mapped))
            {
                errors.Add(new(where, "Type", $"'{type}' is not an element type (one of: {string.Join(", ", Types.Keys)})"));
                continue;
            }
            if (idOf.ContainsKey(label))
            {
                errors.Add(new(where, "Label", $"'{label}' appears twice; Kumu elements are known by their label"));
                continue;
            }
            var id = $"{mapped.Label.ToString().ToLowerInvariant()[..3]}-{Network.Analysis.Text.Names.Slug(label)}";
            var source = $"import: {ElementsFile} row {row}";
            Node node = mapped.Label switch
            {
                NodeLabel.Organisation => new Organisation(id, label, get("Kind") ?? mapped.Kind ?? "other", source) { Country = get("Country") },
                NodeLabel.Person => new Person(id, label, source) { Role = get("Role") },
                NodeLabel.City => new City(id, label, get("Country") ?? "", source),
                NodeLabel.Agreement => new Agreement(id, label, get("Kind") ?? mapped.Kind ?? "partnership", source),
                NodeLabel.Sector => new Sector(id, label, source),
                _ => new Event(id, label, get("Kind") ?? "forum", source),
            };
            errors.AddRange(DomainRules.Check(node).Select(e => e with { Where = where, Field = e.Field switch { "kind" => "Kind", "country" => "Country", "name" or "title" => "Label", var f => f } }));
            idOf[label] = (id, mapped.Label);
            nodes.Add(node);
        }

        var relationships = new List<Relationship>();
        var path = Path.Combine(folder, ConnectionsFile);
        if (File.Exists(path))
        {
            foreach (var (row, get) in Rows(path, ["From", "To"], errors))
            {
                var where = $"{ConnectionsFile} row {row}";
                if (!idOf.TryGetValue(get("From") ?? "", out var from))
                {
                    errors.Add(new(where, "From", $"no element labelled '{get("From")}'"));
                    continue;
                }
                if (!idOf.TryGetValue(get("To") ?? "", out var to))
                {
                    errors.Add(new(where, "To", $"no element labelled '{get("To")}'"));
                    continue;
                }
                var typeText = get("Type");
                RelationshipType type;
                if (typeText is not null && RelationshipTypes.TryParse(typeText.Replace(' ', '_'), out var named))
                    type = named;
                else if (Infer(from.Label, to.Label) is { } inferred)
                    type = inferred;
                else
                {
                    errors.Add(new(where, "Type", $"cannot tell what '{typeText}' between a {from.Label} and a {to.Label} is; name a relationship type such as {string.Join(", ", RelationshipTypes.Schema.Select(s => s.Name))}"));
                    continue;
                }
                double? weight = null;
                if (get("Weight") is { } w)
                {
                    if (double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        weight = value;
                    else
                    {
                        errors.Add(new(where, "Weight", $"'{w}' is not a number"));
                        continue;
                    }
                }
                var relationship = new Relationship(type, from.Id, to.Id, $"import: {ConnectionsFile} row {row}")
                {
                    Weight = type == RelationshipType.PartnersWith ? weight : null,
                    Kind = type == RelationshipType.PartnersWith ? typeText : null,
                };
                errors.AddRange(DomainRules.Check(relationship, from.Label, to.Label).Select(e => e with { Where = where }));
                relationships.Add(relationship);
            }
        }
        return (new NetworkGraph(nodes, relationships, 0), errors);
    }

    private static RelationshipType? Infer(NodeLabel from, NodeLabel to) => (from, to) switch
    {
        (NodeLabel.Person, NodeLabel.Organisation) => RelationshipType.WorksFor,
        (NodeLabel.Organisation, NodeLabel.Organisation) => RelationshipType.PartnersWith,
        (NodeLabel.Organisation or NodeLabel.City, NodeLabel.Agreement) => RelationshipType.PartyTo,
        (NodeLabel.Organisation or NodeLabel.Event, NodeLabel.City) => RelationshipType.LocatedIn,
        (NodeLabel.Person or NodeLabel.Organisation, NodeLabel.Event) => RelationshipType.ParticipatedIn,
        (NodeLabel.Organisation, NodeLabel.Sector) => RelationshipType.ActiveIn,
        (NodeLabel.Agreement, NodeLabel.Sector) => RelationshipType.Concerns,
        (NodeLabel.City, NodeLabel.City) => RelationshipType.TwinnedWith,
        _ => null,
    };

    private static IEnumerable<(int Row, Func<string, string?> Get)> Rows(string path, string[] required, List<ValidationError> errors)
    {
        var name = Path.GetFileName(path);
        using var reader = TextFiles.OpenUtf8(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null, PrepareHeaderForMatch = a => a.Header.Trim() });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            errors.Add(new(name, "header", "the file is empty; the first line must name the columns"));
            yield break;
        }
        var header = csv.HeaderRecord.Select(h => h.Trim()).ToList();
        var missing = required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var column in missing)
            errors.Add(new($"{name} header", column, $"required column '{column}' is missing"));
        if (missing.Count > 0)
            yield break;
        while (csv.Read())
        {
            string? Get(string column)
            {
                var index = header.FindIndex(h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
                var value = index < 0 ? null : csv.GetField(index);
                return string.IsNullOrWhiteSpace(value) ? null : value;
            }
            yield return (csv.Parser.Row, Get);
        }
    }
}
