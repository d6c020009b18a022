using Network.Analysis.Domain;

namespace Network.Data.Mapping;

/// <summary>
/// Proposes a mapping from file names and headers, for the user to check and correct: node files by name
/// (organisations, people, projects, cities, events, sectors), their id, name, kind, country, city and date columns;
/// link files by two "…_id" columns pointing at node files (or two city columns for twin towns).
/// </summary>
public static class MappingProposer
{
    private static readonly (string[] Names, NodeLabel Label, string Prefix)[] Files =
    [
        (["organisation", "organization", "member", "compan", "partner", "org"], NodeLabel.Organisation, "org-"),
        (["people", "person", "contact", "staff"], NodeLabel.Person, "per-"),
        (["project", "agreement", "fund", "deal", "contract"], NodeLabel.Agreement, "agr-"),
        (["cit", "municipal", "town"], NodeLabel.City, "city-"),
        (["event", "visit", "delegation", "forum"], NodeLabel.Event, "event-"),
        (["sector", "cluster"], NodeLabel.Sector, "sector-"),
    ];

    // Column names in English, Dutch and French, compared by Key.
    private static readonly string[] NameColumns = ["name", "naam", "nom", "organisation", "organization", "organisatie", "company", "bedrijf", "entreprise", "title", "label", "acronym"];
    private static readonly string[] KindColumns = ["kind", "type", "soort", "category", "categorie", "catégorie", "organisation type", "type d'organisation"];
    private static readonly string[] CityColumns = ["city", "stad", "gemeente", "ville", "commune", "town", "municipality", "plaats", "location", "locatie"];
    private static readonly string[] CountryColumns = ["country", "country_code", "land", "pays"];
    private static readonly string[] SectorColumns = ["sectors", "sector", "sectoren", "secteur", "secteurs", "clusters", "cluster", "domain", "domein", "domaine"];
    private static readonly string[] StageColumns = ["stages", "stage", "fase", "stade", "étape"];
    private static readonly string[] WebsiteColumns = ["website", "url", "web", "site", "site web", "webadres", "homepage"];
    private static readonly string[] MemberColumns = ["member", "is_member", "lid", "membre"];
    private static readonly string[] MemberSinceColumns = ["member_since", "membersince", "member since", "lid sinds", "lid sedert", "membre depuis", "since"];
    private static readonly string[] ShortNameColumns = ["short_name", "short name", "acroniem", "sigle", "afkorting"];

    private static string Key(string header) => Network.Analysis.Text.NameSearch.Normalise(header).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The id prefix proposed for a node label ("org-" for organisations).</summary>
    public static string PrefixOf(NodeLabel label) => Files.First(f => f.Label == label).Prefix;

    public static MappingFile Propose(string name, IReadOnlyDictionary<string, string[]> headers)
    {
        // Headers as people write them: case, accents, spaces and underscores do not matter ("Member since" is member_since).
        string? Find(string[] header, params string[] candidates) =>
            candidates.Select(c => header.FirstOrDefault(h => Key(h) == Key(c))).FirstOrDefault(h => h is not null);

        var nodes = new List<NodeMapping>();
        var relationships = new List<RelationshipMapping>();
        var prefixes = new Dictionary<string, (NodeLabel Label, string Prefix)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, header) in headers)
        {
            var stem = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            var idColumns = header.Where(h => h.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || h.Equals("from", StringComparison.OrdinalIgnoreCase) || h.Equals("to", StringComparison.OrdinalIgnoreCase)).ToList();
            var cityColumns = header.Where(h => h.StartsWith("city", StringComparison.OrdinalIgnoreCase)).ToList();
            var fileKind = Files.FirstOrDefault(f => f.Names.Any(stem.Contains));
            var named = Find(header, NameColumns);
            // A sheet without ids whose columns describe organisations (a name and a city, country, sector, type or
            // website) is a list of organisations, whatever the file is called; its ids are made from the names.
            if (fileKind.Names is null && Find(header, "id") is null && named is not null
                && Find(header, [.. CityColumns, .. CountryColumns, .. SectorColumns, .. KindColumns, .. WebsiteColumns]) is not null)
                fileKind = Files[0];
            if ((Find(header, "id") ?? named) is { } id && fileKind is { Names: not null } kind)
            {
                var hasId = Find(header, "id") is not null;
                var nameColumn = named;
                var properties = new Dictionary<string, FieldSpec>();
                if (Find(header, KindColumns) is { } k && kind.Label is NodeLabel.Organisation or NodeLabel.Agreement or NodeLabel.Event)
                    properties["kind"] = new FieldSpec { Column = k };
                if (kind.Label == NodeLabel.Agreement && !properties.ContainsKey("kind"))
                    properties["kind"] = new FieldSpec { Constant = stem.Contains("fund") ? "fund" : "project" };
                if (Find(header, CountryColumns) is { } country && kind.Label is NodeLabel.Organisation or NodeLabel.City)
                    properties["country"] = new FieldSpec { Column = country };
                if (kind.Label == NodeLabel.Agreement)
                {
                    if (Find(header, "start", "start_date", "valid_from", "begin", "from_date") is { } start)
                        properties["validFrom"] = new FieldSpec { Column = start };
                    if (Find(header, "end", "end_date", "valid_to", "until", "to_date") is { } end)
                        properties["validTo"] = new FieldSpec { Column = end };
                }
                if (kind.Label == NodeLabel.Organisation)
                {
                    // Lists in one cell are split on ';' ("ICT; health").
                    foreach (var (property, candidates) in new[] { ("sectors", SectorColumns), ("stages", StageColumns), ("website", WebsiteColumns), ("member", MemberColumns), ("memberSince", MemberSinceColumns), ("shortName", ShortNameColumns) })
                    {
                        if (Find(header, candidates) is { } column)
                            properties[property] = new FieldSpec { Column = column };
                    }
                }
                if (kind.Label == NodeLabel.City && Find(header, "region", "province") is { } region)
                    properties["region"] = new FieldSpec { Column = region };
                if (kind.Label == NodeLabel.Person && Find(header, "role", "function", "title") is { } role)
                    properties["role"] = new FieldSpec { Column = role };
                if (kind.Label == NodeLabel.Event && Find(header, "date", "start") is { } date)
                    properties["date"] = new FieldSpec { Column = date };
                CitySpec? city = kind.Label is NodeLabel.Organisation && Find(header, CityColumns) is { } c && Find(header, CountryColumns) is { } cc
                    ? new CitySpec { Name = c, Country = cc }
                    : null;
                nodes.Add(new NodeMapping
                {
                    File = file,
                    Label = kind.Label.ToString(),
                    // Without an id column the id is made from the name: "org-leuven-biotech-hub".
                    Id = hasId ? new FieldSpec { Column = id, Prefix = kind.Prefix } : new FieldSpec { Column = id, Prefix = kind.Prefix, Slug = true },
                    Name = new FieldSpec { Column = nameColumn, Fallback = $"unnamed {kind.Label.ToString().ToLowerInvariant()} ({{{id}}})" },
                    Properties = properties,
                    City = city,
                });
                prefixes[stem] = (kind.Label, kind.Prefix);
            }
            else if (cityColumns.Count >= 2 && header.Count(h => h.StartsWith("country", StringComparison.OrdinalIgnoreCase)) >= 2)
            {
                var countries = header.Where(h => h.StartsWith("country", StringComparison.OrdinalIgnoreCase)).ToList();
                relationships.Add(new RelationshipMapping
                {
                    File = file,
                    Type = "TWINNED_WITH",
                    From = new EndSpec { City = new CitySpec { Name = cityColumns[0], Country = countries[0] } },
                    To = new EndSpec { City = new CitySpec { Name = cityColumns[1], Country = countries[1] } },
                });
            }
            else if (idColumns.Count >= 2)
            {
                relationships.Add(new RelationshipMapping
                {
                    File = file,
                    Type = "?",
                    From = new EndSpec { Id = new FieldSpec { Column = idColumns[1] } },
                    To = new EndSpec { Id = new FieldSpec { Column = idColumns[0] } },
                    Properties = Find(header, "role") is { } role ? new() { ["role"] = new FieldSpec { Column = role } } : [],
                });
            }
        }

        // Point each link column at the node file it names ("project_id" → projects.csv) and guess the type from the ends.
        var resolved = relationships.Select(r =>
        {
            if (r.From.Id is null || r.To.Id is null)
                return r;
            (NodeLabel Label, string Prefix)? End(string column) =>
                prefixes.Where(p => p.Key.StartsWith(column[..^3].ToLowerInvariant(), StringComparison.Ordinal) || column.StartsWith(p.Key.TrimEnd('s'), StringComparison.OrdinalIgnoreCase))
                    .Select(p => ((NodeLabel, string)?)p.Value).FirstOrDefault();
            var (from, to) = (End(r.From.Id.Column!), End(r.To.Id.Column!));
            // Organisations and people point at what they take part in.
            if (from?.Label is NodeLabel.Agreement or NodeLabel.Event && to?.Label is NodeLabel.Organisation or NodeLabel.Person)
                (from, to, r) = (to, from, r with { From = r.To, To = r.From });
            var type = (from?.Label, to?.Label) switch
            {
                (NodeLabel.Organisation or NodeLabel.City, NodeLabel.Agreement) => "PARTY_TO",
                (NodeLabel.Person, NodeLabel.Organisation) => "WORKS_FOR",
                (NodeLabel.Person or NodeLabel.Organisation, NodeLabel.Event) => "PARTICIPATED_IN",
                (NodeLabel.Organisation, NodeLabel.Organisation) => "PARTNERS_WITH",
                (NodeLabel.Organisation, NodeLabel.Sector) => "ACTIVE_IN",
                _ => r.Type,
            };
            return r with
            {
                Type = type,
                From = new EndSpec { Id = r.From.Id with { Prefix = from?.Prefix } },
                To = new EndSpec { Id = r.To.Id with { Prefix = to?.Prefix } },
            };
        }).ToList();
        return new MappingFile { Name = name, Source = $"import: {name}", Nodes = nodes, Relationships = resolved };
    }
}
