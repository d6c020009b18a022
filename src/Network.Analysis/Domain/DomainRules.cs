namespace Network.Analysis.Domain;

/// <summary>One thing wrong with one record: where it is (a node, a relationship, a file row), which field, and why.</summary>
public sealed record ValidationError(string Where, string Field, string Message)
{
    public override string ToString() => $"{Where}, field '{Field}': {Message}";
}

/// <summary>Thrown when a write or an import is refused; nothing has been written.</summary>
public sealed class ValidationFailedException(IReadOnlyList<ValidationError> errors)
    : Exception(Summarise(errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    private static string Summarise(IReadOnlyList<ValidationError> errors) => errors.Count switch
    {
        0 => "Validation failed.",
        1 => errors[0].ToString(),
        _ => $"{errors[0]} (and {errors.Count - 1} more error{(errors.Count == 2 ? "" : "s")})",
    };
}

/// <summary>
/// Every validation rule of the domain model, in one place: required fields, allowed kinds and stages,
/// dates in order, allowed relationship ends, unique ids and no dangling ends.
/// Stores and importers call <see cref="CheckBatch"/>; nothing else decides what is valid.
/// </summary>
public static class DomainRules
{
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 2000;

    public static string Describe(Node node) => $"{node.Label} '{node.Id}'";

    public static string Describe(Relationship rel) => $"relationship {rel.Key}";

    /// <summary>Checks one node on its own (not its neighbours).</summary>
    public static IEnumerable<ValidationError> Check(Node node)
    {
        var where = Describe(node);
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new(where, field, message));

        CheckId(node.Id, "id", Fail);
        CheckText(node.Source, "source", required: true, Fail);
        switch (node)
        {
            case Organisation o:
                CheckText(o.Name, "name", required: true, Fail);
                CheckKind(o.Kind, Vocabulary.OrganisationKinds, Fail);
                CheckStages(o.Stages, "stages", Fail);
                foreach (var sector in o.Sectors)
                    CheckId(sector, "sectors", Fail);
                CheckText(o.Website, "website", required: false, Fail);
                CheckText(o.ShortName, "shortName", required: false, Fail);
                CheckText(o.LegalName, "legalName", required: false, Fail);
                foreach (var other in o.OtherNames)
                    CheckText(other, "otherNames", required: true, Fail);
                if (o.Country is { } country && !IsCountryCode(country))
                    Fail("country", $"'{country}' is not a two-letter country code");
                if (o.MemberSince is not null && !o.Member)
                    Fail("memberSince", "is set but the organisation is not a member");
                break;
            case Person p:
                CheckText(p.Name, "name", required: true, Fail);
                CheckText(p.Role, "role", required: false, Fail);
                break;
            case City c:
                CheckText(c.Name, "name", required: true, Fail);
                if (!IsCountryCode(c.Country))
                    Fail("country", $"'{c.Country}' is not a two-letter country code");
                CheckText(c.Region, "region", required: false, Fail);
                if (c.Latitude is null != c.Longitude is null)
                    Fail(c.Latitude is null ? "latitude" : "longitude", "is needed with the other coordinate: give both or neither");
                if (c.Latitude is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
                    Fail("latitude", $"{lat.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not between -90 and 90 degrees");
                if (c.Longitude is { } lon && (!double.IsFinite(lon) || lon is < -180 or > 180))
                    Fail("longitude", $"{lon.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not between -180 and 180 degrees");
                CheckText(c.CoordinatesSource, "coordinatesSource", required: false, Fail);
                break;
            case Agreement a:
                CheckText(a.Title, "title", required: true, Fail);
                CheckKind(a.Kind, Vocabulary.AgreementKinds, Fail);
                if (a.ValidFrom is { } from && a.ValidTo is { } to && from > to)
                    Fail("validTo", $"{to:yyyy-MM-dd} is before validFrom {from:yyyy-MM-dd}");
                break;
            case Sector s:
                CheckText(s.Name, "name", required: true, Fail);
                break;
            case Event e:
                CheckText(e.Title, "title", required: true, Fail);
                CheckKind(e.Kind, Vocabulary.EventKinds, Fail);
                break;
        }
        return errors;
    }

    /// <summary>Checks one relationship's own properties and, when the labels of its ends are known, its ends.</summary>
    public static IEnumerable<ValidationError> Check(Relationship rel, NodeLabel? fromLabel, NodeLabel? toLabel)
    {
        var where = Describe(rel);
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new(where, field, message));

        if (!Enum.IsDefined(rel.Type))
        {
            Fail("type", $"'{rel.Type}' is not a relationship type");
            return errors;
        }
        var schema = RelationshipTypes.Of(rel.Type);
        CheckId(rel.From, "from", Fail);
        CheckId(rel.To, "to", Fail);
        CheckText(rel.Source, "source", required: true, Fail);
        if (rel.From == rel.To)
            Fail("to", "a relationship cannot connect a node to itself");

        void NotFor(string field, bool present)
        {
            if (present && !schema.Properties.Contains(field))
                Fail(field, $"{schema.Name} has no property '{field}'");
        }
        NotFor("role", rel.Role is not null);
        NotFor("since", rel.Since is not null);
        NotFor("until", rel.Until is not null);
        NotFor("stages", rel.Stages.Count > 0);
        NotFor("kind", rel.Kind is not null);
        NotFor("weight", rel.Weight is not null);

        CheckText(rel.Role, "role", required: false, Fail);
        CheckText(rel.Kind, "kind", required: false, Fail);
        CheckStages(rel.Stages, "stages", Fail);
        if (rel.Since is { } since && rel.Until is { } until && since > until)
            Fail("until", $"{until:yyyy-MM-dd} is before since {since:yyyy-MM-dd}");
        if (rel.Weight is { } weight && !(weight > 0 && double.IsFinite(weight)))
            Fail("weight", $"must be a positive number, not {weight}");

        if (fromLabel is { } fl && !schema.FromLabels.Contains(fl))
            Fail("from", $"{schema.Name} starts at {string.Join(" or ", schema.FromLabels)}, not at {fl} '{rel.From}'");
        if (toLabel is { } tl && !schema.ToLabels.Contains(tl))
            Fail("to", $"{schema.Name} ends at {string.Join(" or ", schema.ToLabels)}, not at {tl} '{rel.To}'");
        return errors;
    }

    /// <summary>
    /// Checks a batch as a whole against what is already stored: each record, unique ids, a label per id,
    /// no relationship end that is missing (or deleted by the same batch), no key written twice.
    /// </summary>
    /// <param name="storedLabels">Looks up the labels of the given ids among the stored nodes.</param>
    public static IReadOnlyList<ValidationError> CheckBatch(
        IReadOnlyList<Node> nodes,
        IReadOnlyList<Relationship> relationships,
        IReadOnlyCollection<string> deletedNodeIds,
        Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, NodeLabel>> storedLabels)
    {
        var errors = new List<ValidationError>();
        var batchLabels = new Dictionary<string, NodeLabel>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            errors.AddRange(Check(node));
            if (!batchLabels.TryAdd(node.Id, node.Label))
                errors.Add(new(Describe(node), "id", $"id '{node.Id}' appears more than once in the same batch"));
        }

        var deleted = deletedNodeIds.ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => deleted.Contains(n.Id)))
            errors.Add(new(Describe(node), "id", "is written and deleted in the same batch"));

        var wanted = relationships.SelectMany(r => new[] { r.From, r.To })
            .Concat(nodes.OfType<Organisation>().SelectMany(o => o.Sectors))
            .Concat(batchLabels.Keys)
            .Where(id => !string.IsNullOrEmpty(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var stored = storedLabels(wanted);

        foreach (var node in nodes)
        {
            if (stored.TryGetValue(node.Id, out var label) && label != node.Label)
                errors.Add(new(Describe(node), "id", $"id '{node.Id}' is already used by a {label}"));
        }

        NodeLabel? LabelOf(string id) =>
            deleted.Contains(id) ? null
            : batchLabels.TryGetValue(id, out var l) ? l
            : stored.TryGetValue(id, out var s) ? s
            : null;

        foreach (var organisation in nodes.OfType<Organisation>())
        {
            foreach (var sector in organisation.Sectors.Where(s => LabelOf(s) != NodeLabel.Sector))
                errors.Add(new(Describe(organisation), "sectors", $"no sector with id '{sector}'"));
        }

        var keys = new HashSet<RelationshipKey>();
        foreach (var rel in relationships)
        {
            var from = LabelOf(rel.From);
            var to = LabelOf(rel.To);
            errors.AddRange(Check(rel, from, to));
            if (from is null && !string.IsNullOrEmpty(rel.From))
                errors.Add(new(Describe(rel), "from", $"no node with id '{rel.From}'"));
            if (to is null && !string.IsNullOrEmpty(rel.To))
                errors.Add(new(Describe(rel), "to", $"no node with id '{rel.To}'"));
            if (!keys.Add(rel.Key))
                errors.Add(new(Describe(rel), "type", "the same relationship appears more than once in the same batch"));
        }
        return errors;
    }

    public static bool IsCountryCode(string? value) =>
        value is { Length: 2 } && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]);

    private static void CheckId(string? id, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(id))
            fail(field, "is required");
        else if (id.Length > MaxIdLength)
            fail(field, $"is longer than {MaxIdLength} characters");
        else if (id != id.Trim() || id.Any(char.IsControl))
            fail(field, $"'{id}' has leading or trailing spaces or control characters");
    }

    private static void CheckText(string? text, string field, bool required, Action<string, string> fail)
    {
        if (text is null || text.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            if (required)
                fail(field, "is required");
        }
        else if (text.Length > MaxTextLength)
        {
            fail(field, $"is longer than {MaxTextLength} characters");
        }
        else if (Unwritable(text, multiline: field == "source") is { } problem)
        {
            fail(field, problem);
        }
    }

    /// <summary>
    /// The one rule for text the product keeps: what XML 1.0 (GraphML, GEXF) and CSV can carry. Control characters hide
    /// text and break XML; a source may run over several lines, other text may not. U+FFFE and U+FFFF are not
    /// characters, and a lone half of a surrogate pair is no text at all. Null when the text is fine, else what is wrong.
    /// </summary>
    public static string? Unwritable(string text, bool multiline = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
                return $"contains the control character U+{(int)c:X4}; remove it";
            if (c is '\uFFFE' or '\uFFFF')
                return $"contains U+{(int)c:X4}, which is not a character; remove it";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return $"contains half a character (U+{(int)c:X4} without its pair); remove it";
        }
        return null;
    }

    private static void CheckKind(string? kind, IReadOnlyList<string> allowed, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(kind))
            fail("kind", $"is required (one of: {Vocabulary.Describe(allowed)})");
        else if (!Vocabulary.IsOneOf(allowed, kind))
            fail("kind", $"'{kind}' is not one of: {Vocabulary.Describe(allowed)}");
    }

    private static void CheckStages(IReadOnlyList<string> stages, string field, Action<string, string> fail)
    {
        foreach (var stage in stages.Where(s => !Vocabulary.IsOneOf(Vocabulary.Stages, s)))
            fail(field, $"'{stage}' is not a stage (one of: {Vocabulary.Describe(Vocabulary.Stages)})");
        if (stages.Distinct(StringComparer.Ordinal).Count() != stages.Count)
            fail(field, "lists a stage twice");
    }
}
