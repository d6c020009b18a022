using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Network.Analysis.Domain;

namespace Network.Data.Formats;

/// <summary>
/// The spreadsheet format of <c>data/seed/</c>: one CSV file per node label plus <c>relationships.csv</c>.
/// Lists are separated by ';', dates are yyyy-MM-dd, booleans true/false. Reading checks every row with
/// <see cref="DomainRules"/> and reports each problem by file, row and column; a folder with any error yields nothing.
/// </summary>
public static class CsvBundle
{
    public sealed record FileFormat(string FileName, IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
    {
        public IEnumerable<string> Columns => Required.Concat(Optional);
    }

    public static readonly FileFormat Organisations = new("organisations.csv", ["id", "name", "kind", "source"], ["sectors", "stages", "member", "member_since", "website", "country", "short_name", "legal_name", "other_names"]);
    public static readonly FileFormat People = new("people.csv", ["id", "name", "source"], ["role"]);
    public static readonly FileFormat Cities = new("cities.csv", ["id", "name", "country", "source"], ["region", "latitude", "longitude", "coordinates_source"]);
    public static readonly FileFormat Agreements = new("agreements.csv", ["id", "title", "kind", "source"], ["signed_on", "valid_from", "valid_to"]);
    public static readonly FileFormat Sectors = new("sectors.csv", ["id", "name", "source"], []);
    public static readonly FileFormat Events = new("events.csv", ["id", "title", "kind", "source"], ["date"]);
    public static readonly FileFormat Relationships = new("relationships.csv", ["type", "from", "to", "source"], ["role", "since", "until", "stages", "kind", "weight"]);

    public static readonly IReadOnlyList<FileFormat> NodeFiles = [Organisations, People, Cities, Agreements, Sectors, Events];

    /// <summary>Whether the folder holds at least one file of this format.</summary>
    public static bool IsBundle(string folder) =>
        Directory.Exists(folder) && NodeFiles.Append(Relationships).Any(f => File.Exists(Path.Combine(folder, f.FileName)));

    /// <summary>Reads and validates a whole folder; throws <see cref="ValidationFailedException"/> listing every bad row.</summary>
    public static NetworkGraph Read(string folder)
    {
        var (graph, _, errors) = ReadLocated(folder, standalone: true);
        return errors.Count > 0 ? throw new ValidationFailedException(errors) : graph;
    }

    /// <summary>
    /// Reads a folder and says where each record came from ("organisations.csv row 3 (Organisation 'x')", keyed by
    /// <see cref="DomainRules.Describe(Node)"/>), so errors found later against a store can be located too.
    /// With <paramref name="standalone"/> false, ends and ids may refer to records outside the folder (an import
    /// into an existing dataset); the caller checks the batch against the store. Bad rows are left out of the graph
    /// and listed in the errors, so a dry run can report them together with what the store check finds.
    /// </summary>
    public static (NetworkGraph Graph, IReadOnlyDictionary<string, string> Locations, IReadOnlyList<ValidationError> Errors) ReadLocated(string folder, bool standalone)
    {
        if (!IsBundle(folder))
            throw new ValidationFailedException([new(folder, "folder", $"holds none of {string.Join(", ", NodeFiles.Append(Relationships).Select(f => f.FileName))}")]);

        var errors = new List<ValidationError>();
        var nodes = new List<Node>();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);

        void ReadNodes(FileFormat format, Func<Row, Node> parse)
        {
            foreach (var row in Rows(folder, format, errors))
            {
                var node = parse(row);
                if (row.HasErrors)
                    continue;
                var located = row.Where + $" ({DomainRules.Describe(node)})";
                rows.TryAdd(DomainRules.Describe(node), located);
                errors.AddRange(DomainRules.Check(node).Select(e => e with { Where = located }));
                nodes.Add(node);
            }
        }

        ReadNodes(Organisations, r => new Organisation(r["id"], r["name"], r["kind"], r["source"])
        {
            Sectors = r.List("sectors"),
            Stages = r.List("stages"),
            Member = r.Bool("member"),
            MemberSince = r.Date("member_since"),
            Website = r.Text("website"),
            Country = r.Text("country"),
            ShortName = r.Text("short_name"),
            LegalName = r.Text("legal_name"),
            OtherNames = r.List("other_names"),
        });
        ReadNodes(People, r => new Person(r["id"], r["name"], r["source"]) { Role = r.Text("role") });
        ReadNodes(Cities, r => new City(r["id"], r["name"], r["country"], r["source"])
        {
            Region = r.Text("region"),
            Latitude = r.Number("latitude"),
            Longitude = r.Number("longitude"),
            CoordinatesSource = r.Text("coordinates_source"),
        });
        ReadNodes(Agreements, r => new Agreement(r["id"], r["title"], r["kind"], r["source"])
        {
            SignedOn = r.Date("signed_on"),
            ValidFrom = r.Date("valid_from"),
            ValidTo = r.Date("valid_to"),
        });
        ReadNodes(Sectors, r => new Sector(r["id"], r["name"], r["source"]));
        ReadNodes(Events, r => new Event(r["id"], r["title"], r["kind"], r["source"]) { Date = r.Date("date") });

        var relationships = new List<Relationship>();
        foreach (var row in Rows(folder, Relationships, errors))
        {
            if (!RelationshipTypes.TryParse(row["type"], out var type))
            {
                row.Fail("type", $"'{row["type"]}' is not one of: {string.Join(", ", RelationshipTypes.Schema.Select(s => s.Name))}");
                continue;
            }
            var rel = new Relationship(type, row["from"], row["to"], row["source"])
            {
                Role = row.Text("role"),
                Since = row.Date("since"),
                Until = row.Date("until"),
                Stages = row.List("stages"),
                Kind = row.Text("kind"),
                Weight = row.Number("weight"),
            };
            if (!row.HasErrors)
            {
                rows.TryAdd(DomainRules.Describe(rel), row.Where + $" ({DomainRules.Describe(rel)})");
                relationships.Add(rel);
            }
        }

        // Record-level checks ran per row above; the batch check adds ids, ends and duplicates. Keep one message per problem.
        if (standalone)
            errors = [.. errors, .. Locate(DomainRules.CheckBatch(nodes, relationships, [], _ => new Dictionary<string, NodeLabel>()), rows).Except(errors)];

        return (new NetworkGraph(nodes, relationships, 0), rows, errors.Distinct().ToList());
    }

    /// <summary>Replaces the record descriptions of errors with the file and row they came from.</summary>
    public static IEnumerable<ValidationError> Locate(IEnumerable<ValidationError> errors, IReadOnlyDictionary<string, string> locations) =>
        errors.Select(e => e with { Where = locations.GetValueOrDefault(e.Where, e.Where) });

    /// <summary>Writes a graph as a folder of CSV files that <see cref="Read"/> reads back unchanged.</summary>
    public static void Write(NetworkGraph graph, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteFile(folder, Organisations, graph.OfType<Organisation>(), o =>
            [o.Id, o.Name, o.Kind, o.Source, Join(o.Sectors), Join(o.Stages), o.Member ? "true" : "false", Format(o.MemberSince), o.Website, o.Country, o.ShortName, o.LegalName, Join(o.OtherNames)]);
        WriteFile(folder, People, graph.OfType<Person>(), p => [p.Id, p.Name, p.Source, p.Role]);
        WriteFile(folder, Cities, graph.OfType<City>(), c => [c.Id, c.Name, c.Country, c.Source, c.Region,
            c.Latitude?.ToString("R", CultureInfo.InvariantCulture), c.Longitude?.ToString("R", CultureInfo.InvariantCulture), c.CoordinatesSource]);
        WriteFile(folder, Agreements, graph.OfType<Agreement>(), a => [a.Id, a.Title, a.Kind, a.Source, Format(a.SignedOn), Format(a.ValidFrom), Format(a.ValidTo)]);
        WriteFile(folder, Sectors, graph.OfType<Sector>(), s => [s.Id, s.Name, s.Source]);
        WriteFile(folder, Events, graph.OfType<Event>(), e => [e.Id, e.Title, e.Kind, e.Source, Format(e.Date)]);
        WriteFile(folder, Relationships, graph.Relationships, r =>
            [RelationshipTypes.Name(r.Type), r.From, r.To, r.Source, r.Role, Format(r.Since), Format(r.Until), Join(r.Stages), r.Kind, r.Weight?.ToString("R", CultureInfo.InvariantCulture)]);
    }

    private static string Join(IReadOnlyList<string> values) => string.Join(';', values);

    /// <summary>
    /// A spreadsheet would run a cell that starts with = + - @ (or a tab or return) as a formula (OWASP, "CSV
    /// Injection"): such a value is written with a leading apostrophe, which spreadsheets show as text, and
    /// <see cref="Restore"/> takes it off again when the file is read back, so a round trip changes nothing.
    /// </summary>
    public static string Neutralise(string field) =>
        field.Length > 0 && (FormulaStart(field[0]) || (field[0] == '\'' && field.Length > 1 && FormulaStart(field[1]))) ? "'" + field : field;

    public static string Restore(string field) =>
        field.Length > 1 && field[0] == '\'' && (FormulaStart(field[1]) || field[1] == '\'') ? field[1..] : field;

    private static bool FormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteFile<T>(string folder, FileFormat format, IEnumerable<T> items, Func<T, string?[]> fields)
    {
        using var writer = new StreamWriter(Path.Combine(folder, format.FileName), false, new System.Text.UTF8Encoding(false));
        Write(writer, format.Columns, items.Select(fields));
    }

    /// <summary>A header and rows as CSV, every cell quoted where it must be and neutralised against formulas.</summary>
    public static void Write(TextWriter writer, IEnumerable<string> columns, IEnumerable<string?[]> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in columns)
            csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
                csv.WriteField(Neutralise(field ?? ""));
            csv.NextRecord();
        }
    }

    private static IEnumerable<Row> Rows(string folder, FileFormat format, List<ValidationError> errors)
    {
        var path = Path.Combine(folder, format.FileName);
        if (!File.Exists(path))
            yield break;

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            DetectColumnCountChanges = true,
        };
        using var reader = TextFiles.OpenUtf8(path);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            errors.Add(new(format.FileName, "header", "the file is empty; the first line must name the columns"));
            yield break;
        }
        var header = csv.HeaderRecord;
        var headerOk = true;
        foreach (var column in format.Required.Where(c => !header.Contains(c)))
        {
            errors.Add(new($"{format.FileName} header", column, $"required column '{column}' is missing"));
            headerOk = false;
        }
        foreach (var column in header.Where(c => !format.Columns.Contains(c)))
        {
            errors.Add(new($"{format.FileName} header", column, $"unknown column '{column}' (expected: {string.Join(", ", format.Columns)})"));
            headerOk = false;
        }
        if (!headerOk)
            yield break;

        while (true)
        {
            bool more;
            string? badShape = null;
            try
            {
                more = csv.Read();
            }
            catch (CsvHelperException e)
            {
                more = true;
                badShape = e.Message.Split('\n')[0];
            }
            if (!more)
                yield break;
            // Row numbers count lines as a spreadsheet shows them: the header is row 1.
            var row = new Row($"{format.FileName} row {csv.Parser.Row}", csv, header, errors);
            if (badShape is not null)
            {
                row.Fail("row", badShape);
                continue;
            }
            yield return row;
        }
    }

    /// <summary>One data row; typed getters record a located error instead of throwing.</summary>
    private sealed class Row(string where, CsvReader csv, string[] header, List<ValidationError> errors)
    {
        private readonly int _errorsBefore = errors.Count;

        public string Where { get; } = where;

        public bool HasErrors => errors.Count > _errorsBefore;

        public string this[string column] => Text(column) ?? "";

        public void Fail(string column, string message) => errors.Add(new(Where, column, message));

        public string? Text(string column)
        {
            if (!header.Contains(column))
                return null;
            var value = csv.GetField(column);
            return string.IsNullOrWhiteSpace(value) ? null : Restore(value);
        }

        public IReadOnlyList<string> List(string column) =>
            Text(column)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

        public bool Bool(string column)
        {
            var text = Text(column);
            if (text is null)
                return false;
            if (bool.TryParse(text, out var value))
                return value;
            Fail(column, $"'{text}' is not true or false");
            return false;
        }

        public DateOnly? Date(string column)
        {
            var text = Text(column);
            if (text is null)
                return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            Fail(column, $"'{text}' is not a date (yyyy-mm-dd)");
            return null;
        }

        public double? Number(string column)
        {
            var text = Text(column);
            if (text is null)
                return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return value;
            Fail(column, $"'{text}' is not a number");
            return null;
        }
    }
}
