using Network.Analysis.Domain;
using Network.Analysis.Text;

namespace Network.Analysis.Resolution;

/// <summary>Two records that may be the same organisation or city, with a score in [0, 1] and the evidence for it.</summary>
public sealed record MergeSuggestion(string Keep, string KeepName, string Drop, string DropName, string Label, double Score, IReadOnlyList<string> Evidence);

/// <summary>An organisation a name written by someone (a survey's "not in the list") may stand for, scored as merges are, with the evidence.</summary>
public sealed record NameResemblance(string Id, string Name, double Score, IReadOnlyList<string> Evidence);

/// <summary>One record to keep and the records that may be the same, each scored against it, best first.</summary>
public sealed record MergeGroup(string Keep, string KeepName, IReadOnlyList<MergeSuggestion> Members);

/// <summary>What a merge changes: the surviving node, the relationships moved to it, and what is removed.</summary>
public sealed record MergePlan(Node Keep, Node Drop, IReadOnlyList<Relationship> Upserts, IReadOnlyList<RelationshipKey> Removed);

/// <summary>
/// Finds organisations and cities recorded twice under different names ("KATHOLIEKE UNIVERSITEIT LEUVEN" and
/// "KU Leuven", "Antwerp" and "Antwerpen", "LEUVEN HEVERLEE" and "Leuven-Heverlee") and plans merges.
/// <para>
/// Names are compared as sets of words, lower case without accents, with legal forms ("GmbH", "NV") and small words
/// ("of", "de") set aside; in city names also postal words ("Cedex", district numbers), province codes ("Mi", "Ba")
/// and the names of other cities of the country used as a qualifier ("Mataro Barcelona"). A short word matches the
/// initials of consecutive words ("ku" = "katholieke universiteit"); a word matches another that it begins with at most
/// two letters more ("antwerp" / "antwerpen", not "london" / "londonderry"), or one of six letters or more that differs
/// by one letter left out or added ("universitat" / "universitaet") or, in place names, by its last letter ("lisboa" / "lisbon") — not
/// by one letter inside ("freiburg" / "freiberg" are two towns). Words weigh ln(1 + N/df) (rare words say more).
/// </para>
/// <para>
/// Name similarity is the smaller of the two names' weighted shares of words matched, so a name with a word the other
/// lacks ("TECHNISCHE UNIVERSITAET GRAZ" / "UNIVERSITAET GRAZ") scores low however much the rest agrees. Score = 1 only
/// for names that are the same after this normalisation (or the same website); otherwise the similarity, at most 0.99,
/// less 0.2 for different cities and 0.15 for different kinds of organisation. Never suggested: organisations in
/// different countries or with different legal forms (subsidiaries of one group are different legal entities), cities
/// in different countries. Candidate pairs come from shared words, so the work grows with the data, not its square.
/// How well this does is measured on labelled pairs from the shipped data (tests/reference/merges, <c>network-tools merges-eval</c>).
/// </para>
/// </summary>
public static class EntityResolution
{
    /// <summary>The score from which a pair is suggested (precision and recall there: tests/reference/merges/README.md).</summary>
    public const double Threshold = 0.8;

    private static readonly HashSet<string> LegalForms =
        ["nv", "bv", "bvba", "cvba", "sprl", "scrl", "sa", "sau", "vzw", "asbl", "sas", "sarl", "gmbh", "mbh", "ag", "kg", "ltd", "limited", "inc", "srl", "spa", "sl", "ab", "oy", "oyj", "as", "plc", "ev", "ae", "aps", "llc", "bhd", "scarl", "sce"];

    private static readonly HashSet<string> Small =
        ["the", "of", "de", "der", "den", "van", "von", "la", "le", "les", "and", "en", "et", "und", "for", "voor", "di", "del", "della", "des", "du", "da", "do", "co"];

    public static IReadOnlyList<MergeSuggestion> Suggest(NetworkGraph graph, double minimum = Threshold, IReadOnlySet<(string, string)>? rejected = null) =>
        Suggest(new Context(graph), minimum, rejected);

    /// <summary>The suggestions gathered per record kept (<see cref="Group"/>), names normalised once for both.</summary>
    public static IReadOnlyList<MergeGroup> SuggestGroups(NetworkGraph graph, double minimum = Threshold, IReadOnlySet<(string, string)>? rejected = null)
    {
        var context = new Context(graph);
        return Group(context, Suggest(context, minimum, rejected));
    }

    private static IReadOnlyList<MergeSuggestion> Suggest(Context context, double minimum, IReadOnlySet<(string, string)>? rejected)
    {
        var suggestions = new List<MergeSuggestion>();
        foreach (var records in context.Records.Values)
        {
            // Block on words and on the initials of the name; very common words say nothing about identity.
            var blocks = new Dictionary<string, List<int>>();
            for (var i = 0; i < records.Count; i++)
            {
                // Five-letter prefixes let "antwerp" meet "antwerpen".
                var words = records[i].Name.Words;
                var keys = words.Append(Initials(words)).Concat(words.Where(w => w.Length > 5).Select(w => "^" + w[..5]));
                foreach (var key in keys.Distinct())
                {
                    if (!blocks.TryGetValue(key, out var list))
                        blocks[key] = list = [];
                    list.Add(i);
                }
            }
            var seen = new HashSet<(int, int)>();
            foreach (var block in blocks.Values.Where(b => b.Count is > 1 and <= 300))
            {
                for (var x = 0; x < block.Count; x++)
                {
                    for (var y = x + 1; y < block.Count; y++)
                    {
                        var (i, j) = (block[x], block[y]);
                        if (!seen.Add((i, j)))
                            continue;
                        var (a, b) = (records[i], records[j]);
                        if (rejected is not null && (rejected.Contains((a.Node.Id, b.Node.Id)) || rejected.Contains((b.Node.Id, a.Node.Id))))
                            continue;
                        if (context.Score(a, b) is { } suggestion && suggestion.Score >= minimum)
                            suggestions.Add(suggestion);
                    }
                }
            }
        }
        return suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.KeepName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The score of one given pair, as <see cref="Suggest"/> would give it; null when they are never suggested (other kinds, other countries, other legal forms).</summary>
    public static MergeSuggestion? Compare(NetworkGraph graph, string a, string b) => new Context(graph).Score(a, b);

    /// <summary>Scores many given pairs of one graph (the evaluation of labelled pairs).</summary>
    public static IReadOnlyList<MergeSuggestion?> Compare(NetworkGraph graph, IEnumerable<(string A, string B)> pairs)
    {
        var context = new Context(graph);
        return pairs.Select(p => context.Score(p.A, p.B)).ToList();
    }

    /// <summary>
    /// For names written by people (with the city they gave, if any): the organisation of the graph each most likely
    /// stands for, scored as a merge would be — the weighted word match against its customary, short, legal and other
    /// names, 1 for the same name, less 0.2 when the cities given differ — or null below <paramref name="minimum"/>.
    /// Nothing is known of the kind, so kinds do not count.
    /// </summary>
    public static IReadOnlyList<NameResemblance?> Resemble(NetworkGraph graph, IReadOnlyList<(string Name, string? City)> names, double minimum = 0.5)
    {
        if (names.Count == 0)
            return [];
        var context = new Context(graph);
        return names.Select(n => context.Resemble(n.Name, n.City, minimum)).ToList();
    }

    /// <summary>
    /// Suggestions that share records, gathered into one group per record kept: "Paris", "Paris 15" and "Paris Cedex 07"
    /// are one question, not three. The record kept is the one the pairs keep most often; every other record is scored
    /// against it (so a record only linked through a third one shows how far it is from the kept one).
    /// </summary>
    private static IReadOnlyList<MergeGroup> Group(Context context, IReadOnlyList<MergeSuggestion> suggestions)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string id)
        {
            while (parent.TryGetValue(id, out var up) && up != id)
                id = parent[id] = parent.GetValueOrDefault(up, up);
            return id;
        }
        foreach (var s in suggestions)
        {
            parent.TryAdd(s.Keep, s.Keep);
            parent.TryAdd(s.Drop, s.Drop);
            var (a, b) = (Find(s.Keep), Find(s.Drop));
            if (a != b)
                parent[b] = a;
        }
        return suggestions.GroupBy(s => Find(s.Keep)).Select(component =>
        {
            var pairs = component.ToList();
            var records = pairs.SelectMany(p => new[] { (Id: p.Keep, Name: p.KeepName), (Id: p.Drop, Name: p.DropName) }).Distinct().ToList();
            // Kept: the record with more to say, else the plainest name ("Paris" rather than "Paris Cedex 07").
            var keep = records.OrderByDescending(r => context.Richness(r.Id))
                .ThenBy(r => context.WordCount(r.Id)).ThenBy(r => r.Name.Length)
                .ThenBy(r => r.Name, StringComparer.Ordinal).First();
            var members = records.Where(r => r.Id != keep.Id).Select(r =>
            {
                var direct = pairs.FirstOrDefault(p => (p.Keep == keep.Id && p.Drop == r.Id) || (p.Drop == keep.Id && p.Keep == r.Id));
                var scored = direct ?? context.Score(keep.Id, r.Id);
                return scored is null
                    ? new MergeSuggestion(keep.Id, keep.Name, r.Id, r.Name, pairs[0].Label, 0, ["never suggested with the record kept: linked through another record of the group"])
                    : scored with { Keep = keep.Id, KeepName = keep.Name, Drop = r.Id, DropName = r.Name };
            }).OrderByDescending(m => m.Score).ThenBy(m => m.DropName, StringComparer.Ordinal).ToList();
            return new MergeGroup(keep.Id, keep.Name, members);
        }).OrderByDescending(g => g.Members.Max(m => m.Score)).ThenByDescending(g => g.Members.Count).ThenBy(g => g.KeepName, StringComparer.Ordinal).ToList();
    }

    /// <summary>A normalised name: its words (what identifies), and its legal forms (what tells entities apart).</summary>
    /// <param name="Core">The words without a qualifier (a city's province named beside it); the words themselves otherwise.</param>
    public sealed record Name(List<string> Words, HashSet<string> Forms, List<string>? Core = null)
    {
        public List<string> Core { get; } = Core ?? Words;
    }

    private sealed record Record(Node Node, Name Name);

    /// <summary>What scoring needs of one graph: every record's normalised name, word weights per label, the cities.</summary>
    private sealed class Context
    {
        private readonly IReadOnlyDictionary<string, Node> _nodes;
        private readonly Dictionary<string, string> _cityOf;
        private readonly Dictionary<NodeLabel, Func<string, double>> _weights = [];
        private readonly Dictionary<string, Record> _byId = new(StringComparer.Ordinal);

        public Context(NetworkGraph graph)
        {
            _nodes = graph.NodesById();
            _cityOf = graph.OfType(RelationshipType.LocatedIn).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.First().To);
            // City names of each country, to recognise one used as a qualifier of another ("Vic Barcelona").
            var cityNames = graph.OfType<City>().GroupBy(c => c.Country)
                .ToDictionary(g => g.Key, g => g.Select(c => Names.Fold(c.Name)).Where(n => n.All(char.IsLetter)).ToHashSet(StringComparer.Ordinal));
            foreach (var label in new[] { NodeLabel.Organisation, NodeLabel.City })
            {
                var records = graph.Nodes.Where(n => n.Label == label)
                    .Select(n => new Record(n, n is City city ? CityName(city.Name, cityNames.GetValueOrDefault(city.Country)) : Normalise(n.DisplayName)))
                    .Where(r => r.Name.Words.Count > 0).ToList();
                Records[label] = records;
                foreach (var record in records)
                    _byId[record.Node.Id] = record;
                // Rare words say more about identity than common ones ("mindgate" more than "leuven"): weight ln(1 + N/df).
                var frequency = records.SelectMany(r => r.Name.Words.Distinct()).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
                var count = records.Count;
                _weights[label] = word => Math.Log(1 + (double)count / frequency.GetValueOrDefault(word, 1));
            }
        }

        public Dictionary<NodeLabel, List<Record>> Records { get; } = [];

        public NameResemblance? Resemble(string written, string? city, double minimum)
        {
            var probe = Normalise(written);
            if (probe.Words.Count == 0)
                return null;
            var weight = _weights[NodeLabel.Organisation];
            NameResemblance? best = null;
            foreach (var record in Records.GetValueOrDefault(NodeLabel.Organisation) ?? [])
            {
                var organisation = (Organisation)record.Node;
                // Every name it goes by: "imec" is IMEC's short name, "Katholieke Universiteit Leuven" KU Leuven's legal one.
                var (similarity, by) = new[] { organisation.DisplayName, organisation.ShortName, organisation.LegalName, organisation.Name }
                    .Concat(organisation.OtherNames).OfType<string>().Distinct(StringComparer.Ordinal)
                    .Select(n => (Name: n, Words: n == organisation.DisplayName ? record.Name : Normalise(n)))
                    .Select(n => (Similarity: n.Words.Words.ToHashSet(StringComparer.Ordinal).SetEquals(probe.Words) ? 1 : Math.Min(0.99, NameSimilarity(probe.Words, n.Words.Words, weight)), n.Name))
                    .MaxBy(n => n.Similarity);
                if (similarity < minimum || (best is not null && similarity <= best.Score))
                    continue;
                var evidence = new List<string> { similarity >= 1 ? $"the same name as \"{by}\"" : $"name similarity {similarity:F2} (\"{written}\" / \"{by}\")" };
                var score = similarity;
                if (!string.IsNullOrWhiteSpace(city) && _cityOf.GetValueOrDefault(organisation.Id) is { } at)
                {
                    var same = SameWords(_nodes[at].DisplayName, city);
                    evidence.Add(same ? $"same city {_nodes[at].DisplayName}" : $"different cities: {city} / {_nodes[at].DisplayName}");
                    score -= same ? 0 : 0.2;
                }
                if (score >= minimum && (best is null || score > best.Score))
                    best = new NameResemblance(organisation.Id, organisation.DisplayName, Math.Round(score, 4), evidence);
            }
            return best;
        }

        public int Richness(string id) => _nodes.TryGetValue(id, out var node) ? EntityResolution.Richness(node) : 0;

        public int WordCount(string id) => _byId.TryGetValue(id, out var record) ? Tokens(record.Node.DisplayName).Count : int.MaxValue;

        public MergeSuggestion? Score(string a, string b) =>
            _byId.GetValueOrDefault(a) is { } x && _byId.GetValueOrDefault(b) is { } y && x.Node.Label == y.Node.Label && a != b ? Score(x, y) : null;

        public MergeSuggestion? Score(Record x, Record y)
        {
            var (a, b) = (x.Node, y.Node);
            var evidence = new List<string>();
            static bool SameSet(List<string> p, List<string> q) => p.ToHashSet(StringComparer.Ordinal).SetEquals(q);
            // A qualified name is compared, without its qualifier, with the other name as written ("Vic Barcelona" is
            // "Vic"); two qualified names are not stripped both ("Vigo Pontevedra" and "Porrino Pontevedra" differ).
            (List<string> X, List<string> Y)? match = SameSet(x.Name.Words, y.Name.Words) ? (x.Name.Words, y.Name.Words)
                : SameSet(x.Name.Core, y.Name.Words) ? (x.Name.Core, y.Name.Words)
                : SameSet(x.Name.Words, y.Name.Core) ? (x.Name.Words, y.Name.Core) : null;
            var same = match is not null;
            var weight = _weights[a.Label];
            var similarity = same ? 1 : Math.Min(0.99, new[] { (x.Name.Words, y.Name.Words), (x.Name.Core, y.Name.Words), (x.Name.Words, y.Name.Core) }
                .Max(p => NameSimilarity(p.Item1, p.Item2, weight, places: a is City)));
            evidence.Add(match is var (keptX, keptY)
                ? SameNameEvidence(a, keptX, b, keptY)
                : $"name similarity {similarity:F2} (\"{a.DisplayName}\" / \"{b.DisplayName}\"){Unmatched(x.Name.Words, y.Name.Words, a is City)}");
            double score;
            if (a is City ca && b is City cb)
            {
                if (ca.Country != cb.Country)
                    return null;
                evidence.Add($"same country {ca.Country}");
                score = similarity;
            }
            else if (a is Organisation oa && b is Organisation ob)
            {
                var sameWebsite = oa.Website is { } wa && ob.Website is { } wb && Host(wa) == Host(wb);
                if (!sameWebsite && oa.Country is { } countryA && ob.Country is { } countryB && countryA != countryB)
                    return null; // two countries: two legal entities, even of one group
                if (!sameWebsite && x.Name.Forms.Count > 0 && y.Name.Forms.Count > 0 && !x.Name.Forms.Overlaps(y.Name.Forms))
                    return null; // "GmbH" and "AG": two legal entities
                var cityA = _cityOf.GetValueOrDefault(oa.Id);
                var cityB = _cityOf.GetValueOrDefault(ob.Id);
                bool? sameCity = cityA is null || cityB is null ? null : cityA == cityB || SameWords(_nodes[cityA].DisplayName, _nodes[cityB].DisplayName);
                if (sameWebsite)
                    evidence.Add($"same website {Host(oa.Website!)}");
                if (sameCity == true)
                    evidence.Add($"same city {_nodes[cityA!].DisplayName}");
                else if (sameCity == false)
                    evidence.Add($"different cities: {_nodes[cityA!].DisplayName} / {_nodes[cityB!].DisplayName}");
                evidence.Add(oa.Kind == ob.Kind ? $"both {oa.Kind}" : $"different kinds: {oa.Kind} / {ob.Kind}");
                if (oa.Country is { } country && country == ob.Country)
                    evidence.Add($"same country {country}");
                if (x.Name.Forms.Overlaps(y.Name.Forms))
                    evidence.Add($"same legal form {string.Join(", ", x.Name.Forms.Intersect(y.Name.Forms).Order(StringComparer.Ordinal).Select(f => f.ToUpperInvariant()))}");
                score = sameWebsite ? 1 : similarity - (sameCity == false ? 0.2 : 0) - (oa.Kind != ob.Kind ? 0.15 : 0);
            }
            else
            {
                return null;
            }
            // Keep the record with more to say: the hand-curated one (with a website or source document) or the longer name.
            var keepA = EntityResolution.Richness(a) >= EntityResolution.Richness(b);
            var (keep, drop) = keepA ? (a, b) : (b, a);
            return new MergeSuggestion(keep.Id, keep.DisplayName, drop.Id, drop.DisplayName, a.Label.ToString(), Math.Round(Math.Max(0, score), 4), evidence);
        }
    }

    /// <summary>
    /// "the same name (…) once "Cedex 5" is set aside (…)": says exactly which words were left out of the comparison,
    /// so that a manager can see why two differently written names count as one.
    /// </summary>
    private static string SameNameEvidence(Node a, List<string> keptA, Node b, List<string> keptB)
    {
        static IEnumerable<string> Aside(string name, List<string> kept) =>
            new string(name.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(t => !kept.Contains(Names.Fold(t)));
        var aside = Aside(a.DisplayName, keptA).Concat(Aside(b.DisplayName, keptB)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (aside.Count == 0)
            return a.DisplayName == b.DisplayName ? "the same name" : "the same name written differently (case, accents, punctuation)";
        string What(string word)
        {
            var folded = Names.Fold(word);
            return folded.All(char.IsDigit) ? "district number" : folded == "cedex" ? "postal word" : Small.Contains(folded) ? "small word"
                : LegalForms.Contains(folded) ? "legal form" : a is City && folded.Length <= 2 ? "province code" : a is City ? "the place around it" : "part of a legal form";
        }
        return $"the same name once {string.Join(", ", aside.Select(w => $"\"{w}\" ({What(w)})"))} {(aside.Count == 1 ? "is" : "are")} set aside";
    }

    /// <summary>", unmatched: technische" — what one name says that the other does not.</summary>
    private static string Unmatched(List<string> a, List<string> b, bool places)
    {
        var (coveredA, coveredB) = (new bool[a.Count], new bool[b.Count]);
        Cover(a, b, coveredA, coveredB, places);
        Cover(b, a, coveredB, coveredA, places);
        var left = a.Where((_, i) => !coveredA[i]).Concat(b.Where((_, i) => !coveredB[i])).Distinct().ToList();
        return left.Count == 0 ? "" : $"; not in the other name: {string.Join(", ", left)}";
    }

    private static int Richness(Node node) => node switch
    {
        Organisation o => (o.Website is null ? 0 : 4) + o.Sectors.Count + o.Stages.Count + (o.Source.StartsWith("seeds/", StringComparison.Ordinal) ? 8 : 0),
        City c => c.Region is null ? 0 : 1,
        _ => 0,
    };

    /// <summary>A website's host as it is compared: no scheme, no "www.", no trailing slash, lower case.</summary>
    public static string WebsiteHost(string website) => Host(website);

    private static string Host(string website) => website.Replace("https://", "").Replace("http://", "").Replace("www.", "").TrimEnd('/').ToLowerInvariant();

    private static bool SameWords(string a, string b) => NameSimilarity(Words(a), Words(b), places: true) >= 0.99;

    private static List<string> Tokens(string name) =>
        new string(Names.Fold(name).Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>An organisation's name: its words without legal forms and small words, and its legal forms apart.</summary>
    public static Name Normalise(string name)
    {
        var tokens = Tokens(name);
        var forms = tokens.Where(LegalForms.Contains).ToHashSet(StringComparer.Ordinal);
        // "SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA" is the Polish limited company written out.
        var text = " " + string.Join(' ', tokens) + " ";
        if (text.Contains(" spolka z ograniczona odpowiedzialnoscia ", StringComparison.Ordinal))
            forms.Add("sp z oo");
        var words = tokens.Where(t => !LegalForms.Contains(t) && !Small.Contains(t)).ToList();
        if (forms.Contains("sp z oo"))
            words = words.Where(w => w is not ("spolka" or "z" or "ograniczona" or "odpowiedzialnoscia")).ToList();
        return new Name(words, forms);
    }

    /// <summary>
    /// A city's name: without postal words ("cedex", district numbers) and province codes of one or two letters (as
    /// long as something is left); its core also without another city of the country named before or after it as a
    /// qualifier ("Sabadell Barcelona", "Getafe (Madrid)", "Porto Leca Do Balio").
    /// </summary>
    private static Name CityName(string name, HashSet<string>? citiesOfCountry)
    {
        var tokens = Tokens(name).Where(t => t != "cedex" && !t.All(char.IsDigit) && !Small.Contains(t)).ToList();
        var words = tokens.Where(t => t.Length > 2).ToList();
        if (words.Count == 0)
            words = tokens;
        var core = words;
        if (words.Count > 1 && citiesOfCountry is not null)
        {
            var own = string.Join(' ', words);
            bool Qualifier(string word) => citiesOfCountry.Contains(word) && word != own;
            if (core.Count > 1 && Qualifier(core[^1]))
                core = core[..^1];
            if (core.Count > 1 && Qualifier(core[0]))
                core = core[1..];
        }
        return new Name(words, [], core);
    }

    /// <summary>Lower-case words without accents, punctuation, legal forms or small words.</summary>
    public static List<string> Words(string name) => Normalise(name).Words;

    private static string Initials(List<string> words) => words.Count > 1 ? string.Concat(words.Select(w => w[0])) : words[0];

    /// <summary>
    /// The smaller of the two names' shares of words matched in the other (a word matching the initials of several
    /// words covers them all), each word weighted; without weights every word counts 1.
    /// </summary>
    /// <param name="places">Place names: two words that differ only in their last letter also match ("lisboa" / "lisbon").</param>
    public static double NameSimilarity(List<string> a, List<string> b, Func<string, double>? weight = null, bool places = false)
    {
        weight ??= _ => 1;
        if (a.Count == 0 || b.Count == 0)
            return 0;
        var (coveredA, coveredB) = (new bool[a.Count], new bool[b.Count]);
        Cover(a, b, coveredA, coveredB, places);
        Cover(b, a, coveredB, coveredA, places);
        double Share(List<string> words, bool[] covered) => words.Where((_, i) => covered[i]).Sum(weight) / words.Sum(weight);
        return Math.Min(Share(a, coveredA), Share(b, coveredB));
    }

    private static void Cover(List<string> a, List<string> b, bool[] coveredA, bool[] coveredB, bool places)
    {
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (Alike(a[i], b[j], places))
                {
                    coveredA[i] = coveredB[j] = true;
                    continue;
                }
                // a[i] as the initials of b[j..j+k].
                var k = a[i].Length;
                if (k >= 2 && j + k <= b.Count && string.Concat(b.Skip(j).Take(k).Select(w => w[0])) == a[i])
                {
                    coveredA[i] = true;
                    for (var m = j; m < j + k; m++)
                        coveredB[m] = true;
                }
            }
        }
    }

    private static bool Alike(string x, string y, bool places)
    {
        if (x == y)
            return true;
        // Numbers (postcodes, the PIC of an unnamed organisation) match only themselves.
        if (!x.Any(char.IsLetter) || !y.Any(char.IsLetter))
            return false;
        var (shorter, longer) = x.Length <= y.Length ? (x, y) : (y, x);
        if (shorter.Length >= 5 && longer.Length - shorter.Length <= 2 && longer.StartsWith(shorter, StringComparison.Ordinal))
            return true;
        if (shorter.Length < 6)
            return false;
        if (shorter.Length == longer.Length)
            return places && shorter[..^1] == longer[..^1]; // a place's ending in another language: "lisboa" / "lisbon" (not "Datafl" / "Datafx")
        return longer.Length - shorter.Length == 1 && OneLeftOut(shorter, longer);
    }

    /// <summary>Whether <paramref name="longer"/> is <paramref name="shorter"/> with one letter added somewhere.</summary>
    private static bool OneLeftOut(string shorter, string longer)
    {
        var i = 0;
        while (i < shorter.Length && shorter[i] == longer[i])
            i++;
        return string.CompareOrdinal(shorter, i, longer, i + 1, shorter.Length - i) == 0;
    }


    /// <summary>
    /// Plans merging <paramref name="dropId"/> into <paramref name="keepId"/>: the kept node gains what it lacked
    /// (city-less fields, sectors, stages) and both sources; every relationship of the dropped node moves to the kept
    /// one (a relationship both had keeps both sources); relationships that would become self-loops are dropped.
    /// </summary>
    public static MergePlan PlanMerge(NetworkGraph graph, string keepId, string dropId)
    {
        var nodes = graph.NodesById();
        var keep = nodes.GetValueOrDefault(keepId) ?? throw new KeyNotFoundException($"No node '{keepId}'.");
        var drop = nodes.GetValueOrDefault(dropId) ?? throw new KeyNotFoundException($"No node '{dropId}'.");
        if (keep.Label != drop.Label)
            throw new ArgumentException($"Cannot merge a {drop.Label} into a {keep.Label}.");
        if (keepId == dropId)
            throw new ArgumentException("A node cannot be merged into itself.");

        var source = $"{keep.Source} | merged with {drop.Id}: {drop.Source}";
        Node merged = (keep, drop) switch
        {
            (Organisation k, Organisation d) => k with
            {
                Source = source, Website = k.Website ?? d.Website, Country = k.Country ?? d.Country,
                Sectors = k.Sectors.Union(d.Sectors).ToList(), Stages = k.Stages.Union(d.Stages).ToList(),
                Member = k.Member || d.Member, MemberSince = k.MemberSince ?? d.MemberSince,
            },
            (City k, City d) => k with { Source = source, Region = k.Region ?? d.Region },
            _ => keep with { Source = source },
        };

        var existing = graph.Relationships.ToDictionary(r => r.Key);
        var upserts = new Dictionary<RelationshipKey, Relationship>();
        var removed = new List<RelationshipKey>();
        foreach (var r in graph.Relationships.Where(r => r.From == dropId || r.To == dropId))
        {
            removed.Add(r.Key);
            var moved = r with { From = r.From == dropId ? keepId : r.From, To = r.To == dropId ? keepId : r.To };
            if (moved.From == moved.To)
                continue;
            if (existing.TryGetValue(moved.Key, out var already) && !removed.Contains(moved.Key))
                moved = already with { Source = $"{already.Source} | {r.Source}" };
            upserts[moved.Key] = moved;
        }
        return new MergePlan(merged, drop, upserts.Values.ToList(), removed);
    }
}
