using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Network.Analysis.Domain;
using Network.Analysis.Resolution;
using Network.Analysis.Text;

namespace Network.Data.Mapping;

/// <summary>
/// Reads a folder of CSV files through a <see cref="MappingFile"/>. First the mapping is checked against the files
/// (files and columns exist, labels, types and properties are known, every value translation gives a valid value);
/// any problem there is refused before a row is read. Then every row becomes nodes and relationships, each row's
/// problems located by file, row and column. Cities are created once per name and country and matched to the cities
/// already in the graph. Nothing is written here: the caller writes the result in one transaction.
/// </summary>
public static partial class MappingEngine
{
    private static readonly Dictionary<NodeLabel, string[]> Properties = new()
    {
        [NodeLabel.Organisation] = ["kind", "country", "website", "member", "memberSince", "sectors", "stages", "shortName", "otherNames"],
        [NodeLabel.Person] = ["role"],
        [NodeLabel.City] = ["country", "region"],
        [NodeLabel.Agreement] = ["kind", "signedOn", "validFrom", "validTo"],
        [NodeLabel.Sector] = [],
        [NodeLabel.Event] = ["kind", "date"],
    };

    /// <summary>The properties a mapping may fill for a node label, besides id and name.</summary>
    public static IReadOnlyList<string> PropertiesOf(NodeLabel label) => Properties[label];

    /// <param name="Matches">Rows that are an organisation the graph has already: they update it instead of adding a duplicate.</param>
    public sealed record Result(NetworkGraph Graph, IReadOnlyList<ValidationError> Errors, IReadOnlyDictionary<string, int> RowsRead, IReadOnlyList<RowMatch> Matches);

    /// <summary>A row that updates an existing organisation: where it is, which organisation, and why it is that one.</summary>
    public sealed record RowMatch(string Where, string Id, string Name, string Evidence);

    /// <summary>Checks the mapping against the folder's files; an empty list means it can be used.</summary>
    public static IReadOnlyList<ValidationError> CheckMapping(MappingFile mapping, string folder)
    {
        if (mapping.Problems() is { Count: > 0 } problems)
            return problems;
        var errors = new List<ValidationError>();
        var headers = new Dictionary<string, string[]>();
        string[]? Header(string file)
        {
            if (headers.TryGetValue(file, out var known))
                return known;
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                // The folder is named by its files, never by its path (an upload's is the server's temporary folder).
                errors.Add(new("mapping", "file", $"'{file}' is not among the files ({string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal))})"));
                return null;
            }
            return headers[file] = FileSample.Read(path).Columns;
        }
        void Column(string file, string? column, string what)
        {
            if (column is not null && Header(file) is { } header && !header.Contains(column))
                errors.Add(new($"mapping for {file}", what, $"column '{column}' is not in {file} (columns: {string.Join(", ", header)})"));
        }
        void Field(string file, FieldSpec? spec, string what)
        {
            if (spec is null)
                return;
            Column(file, spec.Column, what);
            foreach (var template in new[] { spec.Template, spec.Fallback })
            {
                foreach (Match m in Placeholder().Matches(template ?? ""))
                    Column(file, m.Groups[1].Value.Split(':')[0], what);
            }
        }
        void City(string file, CitySpec? city, string what)
        {
            if (city is null)
                return;
            Column(file, city.Name, what);
            Column(file, city.Country, what);
            foreach (var (raw, code) in city.CountryValues ?? [])
            {
                if (!DomainRules.IsCountryCode(code))
                    errors.Add(new($"mapping for {file}", city.Country, $"value '{raw}' translates to '{code}', which is not a two-letter country code"));
            }
        }

        foreach (var node in mapping.Nodes)
        {
            if (Header(node.File) is null)
                continue;
            if (!Enum.TryParse<NodeLabel>(node.Label, out var label))
            {
                errors.Add(new($"mapping for {node.File}", "label", $"'{node.Label}' is not a node label (one of: {string.Join(", ", Enum.GetNames<NodeLabel>())})"));
                continue;
            }
            Field(node.File, node.Id, "id");
            Field(node.File, node.Name, "name");
            City(node.File, node.City, "city");
            foreach (var (property, spec) in node.Properties)
            {
                if (!Properties[label].Contains(property))
                {
                    errors.Add(new($"mapping for {node.File}", property, $"{label} has no property '{property}' (properties: {string.Join(", ", Properties[label])})"));
                    continue;
                }
                Field(node.File, spec, property);
                foreach (var (raw, value) in spec.Values ?? [])
                {
                    if (Invalid(label, property, value) is { } why)
                        errors.Add(new($"mapping for {node.File}", spec.Column ?? property, $"value '{raw}' translates to '{value}', which {why}"));
                }
            }
        }
        foreach (var rel in mapping.Relationships)
        {
            if (Header(rel.File) is null)
                continue;
            if (!RelationshipTypes.TryParse(rel.Type, out _))
                errors.Add(new($"mapping for {rel.File}", "type", $"'{rel.Type}' is not a relationship type (one of: {string.Join(", ", RelationshipTypes.Schema.Select(s => s.Name))})"));
            foreach (var (end, spec) in new[] { ("from", rel.From), ("to", rel.To) })
            {
                if (spec.Id is null == spec.City is null)
                    errors.Add(new($"mapping for {rel.File}", end, "give either an id or a city"));
                Field(rel.File, spec.Id, end);
                City(rel.File, spec.City, end);
            }
            foreach (var (property, spec) in rel.Properties)
                Field(rel.File, spec, property);
        }
        return errors;
    }

    private static string? Invalid(NodeLabel label, string property, string value) => (label, property) switch
    {
        (NodeLabel.Organisation, "kind") when !Vocabulary.IsOneOf(Vocabulary.OrganisationKinds, value) => $"is not an organisation kind ({Vocabulary.Describe(Vocabulary.OrganisationKinds)})",
        (NodeLabel.Agreement, "kind") when !Vocabulary.IsOneOf(Vocabulary.AgreementKinds, value) => $"is not an agreement kind ({Vocabulary.Describe(Vocabulary.AgreementKinds)})",
        (NodeLabel.Event, "kind") when !Vocabulary.IsOneOf(Vocabulary.EventKinds, value) => $"is not an event kind ({Vocabulary.Describe(Vocabulary.EventKinds)})",
        (_, "country") when !DomainRules.IsCountryCode(value) => "is not a two-letter country code",
        _ => null,
    };

    /// <param name="existing">The graph the result will be written into, so its cities are matched instead of duplicated.</param>
    public static Result Read(MappingFile mapping, string folder, NetworkGraph? existing = null)
    {
        var mappingErrors = CheckMapping(mapping, folder);
        if (mappingErrors.Count > 0)
            throw new ValidationFailedException(mappingErrors);

        var errors = new List<ValidationError>();
        var nodes = new List<Node>();
        var relationships = new List<Relationship>();
        var rowsRead = new Dictionary<string, int>();
        var cities = new Cities(existing, mapping.Source, nodes);
        var existingSectors = (existing?.OfType<Sector>() ?? []).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        // Ids made from names: such rows have no identity of their own, so they are matched to the graph's organisations.
        var named = new HashSet<string>(StringComparer.Ordinal);

        foreach (var map in mapping.Nodes)
        {
            var label = Enum.Parse<NodeLabel>(map.Label);
            foreach (var row in Rows(folder, map.File))
            {
                rowsRead[map.File] = rowsRead.GetValueOrDefault(map.File) + 1;
                var where = $"{map.File} row {row.Number}";
                var source = $"{mapping.Source}: {map.File} row {row.Number}";
                var id = Value(map.Id, row);
                var name = Value(map.Name, row);
                if (string.IsNullOrEmpty(id))
                {
                    errors.Add(new(where, map.Id.Column ?? "id", "is empty"));
                    continue;
                }
                string? P(string property) => map.Properties.TryGetValue(property, out var spec) ? Value(spec, row) : null;
                DateOnly? D(string property)
                {
                    var text = P(property);
                    if (text is null)
                        return null;
                    if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        return date;
                    // A year alone ("member since 2019") is read as its first day.
                    if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1800 and < 2200)
                        return new DateOnly(year, 1, 1);
                    errors.Add(new(where, map.Properties[property].Column ?? property, $"'{text}' is not a date (yyyy-mm-dd, dd/mm/yyyy or a year)"));
                    return null;
                }
                // Words as people write them: "Universiteit" is a university, "België" is BE, "Onderzoek" is research.
                string? Written(string property, Func<string, string?> read) => P(property) is { } raw ? read(raw) ?? raw : null;
                string[] L(string property) => P(property)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
                Node node = label switch
                {
                    NodeLabel.Organisation => Customary(new Organisation(id, name ?? "", Written("kind", WrittenValues.Kind) ?? "other", source)
                    {
                        Country = Written("country", WrittenValues.Country), Website = P("website"),
                        // "Member since" says the organisation is a member.
                        Member = IsYes(P("member")) || D("memberSince") is not null, MemberSince = D("memberSince"),
                        Sectors = L("sectors"), Stages = L("stages").Select(x => WrittenValues.Stage(x) ?? x).ToList(),
                        ShortName = P("shortName"), OtherNames = L("otherNames"),
                    }),
                    NodeLabel.Person => new Person(id, name ?? "", source) { Role = P("role") },
                    NodeLabel.City => new City(id, name ?? "", P("country") ?? "", source) { Region = P("region") },
                    NodeLabel.Agreement => new Agreement(id, name ?? "", P("kind") ?? "", source) { SignedOn = D("signedOn"), ValidFrom = D("validFrom"), ValidTo = D("validTo") },
                    NodeLabel.Sector => new Sector(id, name ?? "", source),
                    _ => new Event(id, name ?? "", P("kind") ?? "", source) { Date = D("date") },
                };
                var nodeErrors = DomainRules.Check(node).ToList();
                if (nodeErrors.Count > 0)
                {
                    errors.AddRange(nodeErrors.Select(e => e with { Where = where, Field = ColumnOf(map, e.Field) }));
                    continue;
                }
                if (map.Id.Slug)
                    named.Add(id);
                // A sector the graph has already is the same sector (CORDIS's programme sectors reuse the seed's ids):
                // matched, like cities, so its own source is kept.
                if (node is Sector && existingSectors.Contains(node.Id))
                    continue;
                nodes.Add(node);
                if (map.City is { } citySpec && cities.Resolve(citySpec, row, where, errors) is { } city)
                    relationships.Add(new Relationship(RelationshipType.LocatedIn, id, city, source));
            }
        }

        foreach (var map in mapping.Relationships)
        {
            // CheckMapping has refused unknown types already.
            var type = RelationshipTypes.TryParse(map.Type, out var parsed) ? parsed : throw new InvalidOperationException(map.Type);
            var seen = new HashSet<RelationshipKey>();
            foreach (var row in Rows(folder, map.File))
            {
                rowsRead[map.File] = rowsRead.GetValueOrDefault(map.File) + 1;
                var where = $"{map.File} row {row.Number}";
                var from = End(map.From, row, where);
                var to = from is null ? null : End(map.To, row, where);
                if (from is null || to is null)
                    continue;
                string? P(string property) => map.Properties.TryGetValue(property, out var spec) ? Value(spec, row) : null;
                var rel = new Relationship(type, from, to, $"{mapping.Source}: {map.File} row {row.Number}")
                {
                    Role = P("role"),
                    Kind = P("kind"),
                    Weight = P("weight") is { } w && double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) ? weight : null,
                };
                // A pair listed twice (a participant with two roles, a twinning listed from both sides) is one relationship.
                if (seen.Add(rel.Key) && (rel.Type != RelationshipType.TwinnedWith || seen.Add(new RelationshipKey(rel.Type, rel.To, rel.From))))
                    relationships.Add(rel);
            }

            string? End(EndSpec end, Row row, string where)
            {
                if (end.City is { } city)
                    return cities.Resolve(city, row, where, errors);
                // A value the mapping translates to "" means "no relationship for this row" (e.g. a programme without a sector).
                if (end.Id!.Column is { } column && row[column] is { } raw && end.Id.Values?.GetValueOrDefault(raw) is "")
                    return null;
                var id = Value(end.Id!, row);
                if (string.IsNullOrEmpty(id))
                    errors.Add(new(where, end.Id!.Column ?? "id", "is empty"));
                return id;
            }
        }

        ResolveSectors(nodes, existing);
        var matches = existing is null || named.Count == 0 ? [] : MatchExisting(nodes, relationships, existing, mapping.Source, named);

        // Ends, ids and duplicates across files, located where possible.
        var known = existing?.Nodes.ToDictionary(n => n.Id, n => n.Label) ?? [];
        errors.AddRange(DomainRules.CheckBatch(nodes, relationships, [], ids => ids.Where(known.ContainsKey).ToDictionary(id => id, id => known[id])));
        return new Result(new NetworkGraph(nodes, relationships, 0), errors, rowsRead, matches);
    }

    /// <summary>Sectors written as the pages show them ("Life &amp; health sciences") are the sectors of that name.</summary>
    private static void ResolveSectors(List<Node> nodes, NetworkGraph? existing)
    {
        var sectors = (existing?.OfType<Sector>() ?? []).Concat(nodes.OfType<Sector>()).ToList();
        var ids = sectors.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var byName = sectors.GroupBy(x => NameSearch.Normalise(x.Name), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is Organisation { Sectors.Count: > 0 } o && o.Sectors.Any(x => !ids.Contains(x)))
                nodes[i] = o with { Sectors = o.Sectors.Select(x => ids.Contains(x) ? x : byName.GetValueOrDefault(NameSearch.Normalise(x)) ?? x).Distinct(StringComparer.Ordinal).ToList() };
        }
    }

    /// <summary>
    /// A row without an id of its own (its id made from its name) for an organisation the graph has already — the
    /// same website, or the same name (its name, short name, legal or other name, in another spelling of case and
    /// accents) and no other country — updates that organisation instead of adding a second one: the row's values are
    /// laid over the record's, lists are joined, and the row's relationships point at the record. Rows with ids of
    /// their own (CORDIS PICs) stay separate records: entity resolution proposes their merges for a person to confirm.
    /// </summary>
    private static List<RowMatch> MatchExisting(List<Node> nodes, List<Relationship> relationships, NetworkGraph existing, string source, HashSet<string> named)
    {
        var organisations = existing.OfType<Organisation>().ToList();
        var known = organisations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var byHost = organisations.Where(o => o.Website is not null).GroupBy(o => EntityResolution.WebsiteHost(o.Website!), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byName = organisations.SelectMany(o => NameSearch.NamesOf(o).Select(n => (Name: NameSearch.Normalise(n), o)))
            .Where(x => x.Name.Length > 0).GroupBy(x => x.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.o).DistinctBy(o => o.Id).ToList(), StringComparer.Ordinal);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = new List<RowMatch>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not Organisation row || !named.Contains(row.Id))
                continue;
            Organisation? match = null;
            string? evidence = null;
            if (known.Contains(row.Id))
                (match, evidence) = (organisations.First(o => o.Id == row.Id), $"the same name as {organisations.First(o => o.Id == row.Id).Name}");
            else if (row.Website is { } website && byHost.TryGetValue(EntityResolution.WebsiteHost(website), out var sameSite))
                (match, evidence) = (sameSite, $"same website {EntityResolution.WebsiteHost(website)}");
            else if (byName.TryGetValue(NameSearch.Normalise(row.Name), out var sameName)
                && sameName.Where(o => o.Country is null || row.Country is null || o.Country == row.Country).ToList() is [var only])
                (match, evidence) = (only, $"the same name as {only.Name}" + (only.Name != row.Name ? $" ('{row.Name}')" : ""));
            if (match is null)
                continue;
            renamed[row.Id] = match.Id;
            nodes[i] = match with
            {
                Name = match.Name,
                Kind = row.Kind != "other" ? row.Kind : match.Kind,
                Source = $"{match.Source}; {row.Source}",
                Website = row.Website ?? match.Website,
                Country = row.Country ?? match.Country,
                Member = match.Member || row.Member,
                MemberSince = row.MemberSince ?? match.MemberSince,
                Sectors = [.. match.Sectors.Union(row.Sectors, StringComparer.Ordinal)],
                Stages = [.. match.Stages.Union(row.Stages, StringComparer.Ordinal)],
                ShortName = match.ShortName ?? row.ShortName,
                OtherNames = [.. match.OtherNames.Union(row.Name == match.Name ? [] : [row.Name], StringComparer.Ordinal)],
            };
            matches.Add(new RowMatch(row.Source.StartsWith(source + ": ", StringComparison.Ordinal) ? row.Source[(source.Length + 2)..] : row.Source, match.Id, match.Name, evidence!));
        }
        for (var i = 0; i < relationships.Count; i++)
        {
            var r = relationships[i];
            if (renamed.ContainsKey(r.From) || renamed.ContainsKey(r.To))
                relationships[i] = r with { From = renamed.GetValueOrDefault(r.From, r.From), To = renamed.GetValueOrDefault(r.To, r.To) };
        }
        return matches;
    }

    /// <summary>An organisation named in capitals by its source gets its customary name; the source's spelling is kept as its legal name.</summary>
    private static Organisation Customary(Organisation o) =>
        CustomaryNames.Of(o.Name, o.ShortName) is var name && name != o.Name ? o with { Name = name, LegalName = o.Name } : o;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy"];

    private static bool IsYes(string? text) =>
        text is not null && NameSearch.Normalise(text) is "true" or "1" or "yes" or "y" or "x" or "ja" or "oui" or "member" or "lid" or "membre";

    private static string ColumnOf(NodeMapping map, string field) => field switch
    {
        "id" => map.Id.Column ?? "id",
        "name" or "title" => map.Name.Column ?? "name",
        _ => map.Properties.TryGetValue(field, out var spec) ? spec.Column ?? field : field,
    };

    private sealed record Row(int Number, Dictionary<string, string> Fields)
    {
        public string? this[string column] => Fields.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
    }

    private static IEnumerable<Row> Rows(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        using var reader = Formats.TextFiles.OpenUtf8(path);
        using var csv = new CsvReader(reader, Formats.TextFiles.CsvConfiguration(path) with { MissingFieldFound = ConfigurationFunctions.MissingFieldFound });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var fields = new Dictionary<string, string>(header.Length);
            for (var i = 0; i < header.Length; i++)
                fields[header[i].Trim()] = csv.GetField(i) ?? "";
            yield return new Row(csv.Parser.Row, fields);
        }
    }

    private static string? Value(FieldSpec spec, Row row)
    {
        string? value;
        if (spec.Constant is not null)
            value = spec.Constant;
        else if (spec.Template is not null)
            value = Fill(spec.Template, row);
        else
            value = spec.Column is null ? null : row[spec.Column];
        if (value is not null && spec.Values is not null && spec.Values.TryGetValue(value, out var translated))
            value = translated;
        if (value is null && spec.Fallback is not null)
            return Fill(spec.Fallback, row);
        if (value is not null && spec.Slug)
            value = Names.Slug(value);
        return value is null ? null : spec.Prefix + value;
    }

    /// <summary>Fills "{column}" placeholders; "{column:year}" gives the year of a yyyy-mm-dd date, "{column:words}" a code in words ("H2020:LEIT;SC1" → "H2020 LEIT/SC1").</summary>
    private static string Fill(string template, Row row) => Placeholder().Replace(template, m =>
    {
        var (column, format) = m.Groups[1].Value.Split(':', 2) is [var c, var f] ? (c, f) : (m.Groups[1].Value, null);
        var value = row[column] ?? "";
        return format switch
        {
            "year" when value.Length >= 4 => value[..4],
            "words" => value.Replace(':', ' ').Replace(';', '/').TrimEnd(),
            _ => value,
        };
    });

    /// <summary>Cities by normalised name and country: the graph's own first, then new ones made once.</summary>
    private sealed class Cities(NetworkGraph? existing, string source, List<Node> nodes)
    {
        private readonly Dictionary<(string, string), string> _byName = (existing?.OfType<City>() ?? [])
            .GroupBy(c => (Normalise(c.Name), c.Country)).ToDictionary(g => g.Key, g => g.First().Id);

        public string? Resolve(CitySpec spec, Row row, string where, List<ValidationError> errors)
        {
            double? Degrees(string? column)
            {
                if (column is null || row[column] is not { } text)
                    return null;
                if (double.TryParse(text, System.Globalization.NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    return value;
                errors.Add(new(where, column, $"'{text}' is not a number of degrees"));
                return null;
            }

            var name = row[spec.Name];
            var country = row[spec.Country];
            if (name is null)
                return null;
            if (country is not null && spec.CountryValues?.TryGetValue(country, out var code) == true)
                country = code;
            else if (country is not null && !DomainRules.IsCountryCode(country))
                country = WrittenValues.Country(country) ?? country;
            if (country is null || !DomainRules.IsCountryCode(country))
            {
                errors.Add(new(where, spec.Country, $"'{country}' is not a two-letter country code; add it to countryValues"));
                return null;
            }
            var key = (Normalise(name), country);
            if (_byName.TryGetValue(key, out var id))
                return id;
            id = $"city-{key.Item1}-{country.ToLowerInvariant()}";
            var display = name.Any(char.IsLower) ? name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
            var before = errors.Count;
            var (latitude, longitude) = (Degrees(spec.Latitude), Degrees(spec.Longitude));
            if (errors.Count > before)
                return null;
            var city = new City(id, display, country, $"{source}: {where}")
            {
                Latitude = latitude,
                Longitude = longitude,
                CoordinatesSource = latitude is null ? null : source,
            };
            var problems = DomainRules.Check(city).ToList();
            if (problems.Count > 0)
            {
                errors.AddRange(problems.Select(p => p with { Where = where, Field = p.Field switch { "latitude" => spec.Latitude!, "longitude" => spec.Longitude!, _ => p.Field } }));
                return null;
            }
            nodes.Add(city);
            _byName[key] = id;
            return id;
        }

        /// <summary>Lower case, no accents, words joined by dashes: "Liège", "LIEGE" and "Leuven-Heverlee"/"LEUVEN HEVERLEE" match.</summary>
        private static string Normalise(string name)
        {
            return Names.Slug(name);
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
