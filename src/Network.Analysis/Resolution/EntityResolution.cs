using Network.Analysis.Domain;
using Network.Analysis.Text;

namespace Network.Analysis.Resolution;

/// <summary>Two records that may be the same organisation or city, with a score in [0, 1] and the evidence for it.</summary>
public sealed record MergeSuggestion(string Keep, string KeepName, string Drop, string DropName, string Label, double Score, IReadOnlyList<string> Evidence);

/// <summary>What a merge changes: the surviving node, the relationships moved to it, and what is removed.</summary>
public sealed record MergePlan(Node Keep, Node Drop, IReadOnlyList<Relationship> Upserts, IReadOnlyList<RelationshipKey> Removed);

/// <summary>
/// Finds organisations and cities recorded twice under different names ("KATHOLIEKE UNIVERSITEIT LEUVEN" and
/// "KU Leuven", "Antwerp" and "Antwerpen", "LEUVEN HEVERLEE" and "Leuven-Heverlee") and plans merges.
/// Names are compared as sets of words, lower case without accents or legal-form words; a short word also matches
/// the initials of consecutive words ("ku" = "katholieke universiteit", "imec" = "interuniversitair micro electronica
/// centrum"), a word matches another it begins (5+ letters) or differs from by one letter (6+ letters).
/// Words weigh ln(1 + N/df) (rare words say more). Score = ¾ · name similarity + 0.15 for the same city + 0.1 for the same kind (cities: the same country is required);
/// the same website scores 1. Candidate pairs come from shared words, so the work grows with the data, not its square.
/// </summary>
public static class EntityResolution
{
    private static readonly HashSet<string> Noise =
        ["nv", "bv", "bvba", "cvba", "sprl", "scrl", "sa", "vzw", "asbl", "sas", "sarl", "gmbh", "ag", "ltd", "limited", "inc", "srl", "spa", "sl", "ab", "oy", "as", "plc", "ev", "the", "of", "de", "der", "van", "la", "le", "and", "en", "et", "und", "for", "voor"];

    public static IReadOnlyList<MergeSuggestion> Suggest(NetworkGraph graph, double minimum = 0.6, IReadOnlySet<(string, string)>? rejected = null)
    {
        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.First().To);
        var suggestions = new List<MergeSuggestion>();
        foreach (var label in new[] { NodeLabel.Organisation, NodeLabel.City })
        {
            var records = graph.Nodes.Where(n => n.Label == label).Select(n => (Node: n, Words: Words(n.DisplayName))).Where(x => x.Words.Count > 0).ToList();
            // Rare words say more about identity than common ones ("mindgate" more than "leuven"): weight ln(1 + N/df).
            var frequency = records.SelectMany(r => r.Words.Distinct()).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
            double Weight(string word) => Math.Log(1 + (double)records.Count / frequency.GetValueOrDefault(word, 1));
            // Block on words and on the initials of the name; very common words say nothing about identity.
            var blocks = new Dictionary<string, List<int>>();
            for (var i = 0; i < records.Count; i++)
            {
                // Five-letter prefixes let "antwerp" meet "antwerpen".
                var keys = records[i].Words.Append(Initials(records[i].Words)).Concat(records[i].Words.Where(w => w.Length > 5).Select(w => "^" + w[..5]));
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
                        if (Score(a.Node, a.Words, b.Node, b.Words, cityOf, nodes, Weight) is { } suggestion && suggestion.Score >= minimum)
                            suggestions.Add(suggestion);
                    }
                }
            }
        }
        return suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.KeepName, StringComparer.Ordinal).ToList();
    }

    private static MergeSuggestion? Score(Node a, List<string> wordsA, Node b, List<string> wordsB, Dictionary<string, string> cityOf, IReadOnlyDictionary<string, Node> nodes, Func<string, double> weight)
    {
        var evidence = new List<string>();
        var name = NameSimilarity(wordsA, wordsB, weight);
        evidence.Add($"name similarity {name:F2} (\"{a.DisplayName}\" / \"{b.DisplayName}\")");
        double score;
        if (a is City ca && b is City cb)
        {
            if (ca.Country != cb.Country)
                return null;
            evidence.Add($"same country {ca.Country}");
            score = name;
        }
        else if (a is Organisation oa && b is Organisation ob)
        {
            var sameWebsite = oa.Website is { } wa && ob.Website is { } wb && Host(wa) == Host(wb);
            var cityA = cityOf.GetValueOrDefault(oa.Id);
            var cityB = cityOf.GetValueOrDefault(ob.Id);
            var sameCity = cityA is not null && cityB is not null && (cityA == cityB || SameWords(nodes[cityA].DisplayName, nodes[cityB].DisplayName));
            if (sameWebsite)
                evidence.Add($"same website {Host(oa.Website!)}");
            if (sameCity)
                evidence.Add($"same city {nodes[cityA!].DisplayName}");
            if (oa.Kind == ob.Kind)
                evidence.Add($"both {oa.Kind}");
            if (oa.Country is { } country && country == ob.Country)
                evidence.Add($"same country {country}");
            score = sameWebsite ? 1 : 0.75 * name + (sameCity ? 0.15 : 0) + (oa.Kind == ob.Kind ? 0.1 : 0);
        }
        else
        {
            return null;
        }
        // Keep the record with more to say: the hand-curated one (with a website or source document) or the longer name.
        var keepA = Richness(a) >= Richness(b);
        var (keep, drop) = keepA ? (a, b) : (b, a);
        return new MergeSuggestion(keep.Id, keep.DisplayName, drop.Id, drop.DisplayName, a.Label.ToString(), Math.Round(score, 4), evidence);
    }

    private static int Richness(Node node) => node switch
    {
        Organisation o => (o.Website is null ? 0 : 4) + o.Sectors.Count + o.Stages.Count + (o.Source.StartsWith("seeds/", StringComparison.Ordinal) ? 8 : 0),
        City c => c.Region is null ? 0 : 1,
        _ => 0,
    };

    private static string Host(string website) => website.Replace("https://", "").Replace("http://", "").Replace("www.", "").TrimEnd('/').ToLowerInvariant();

    private static bool SameWords(string a, string b) => NameSimilarity(Words(a), Words(b)) >= 0.99;

    /// <summary>Lower-case words without accents, punctuation or legal-form words.</summary>
    public static List<string> Words(string name)
    {
        var plain = new string(Names.Fold(name).Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());
        return plain.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Noise.Contains(w)).ToList();
    }

    private static string Initials(List<string> words) => words.Count > 1 ? string.Concat(words.Select(w => w[0])) : words[0];

    /// <summary>
    /// Weighted share of words matched on both sides (a word matching the initials of several words covers them all);
    /// without weights every word counts 1.
    /// </summary>
    public static double NameSimilarity(List<string> a, List<string> b, Func<string, double>? weight = null)
    {
        weight ??= _ => 1;
        var (coveredA, coveredB) = (new bool[a.Count], new bool[b.Count]);
        Cover(a, b, coveredA, coveredB);
        Cover(b, a, coveredB, coveredA);
        var total = a.Sum(weight) + b.Sum(weight);
        var covered = a.Where((_, i) => coveredA[i]).Sum(weight) + b.Where((_, i) => coveredB[i]).Sum(weight);
        return total == 0 ? 0 : covered / total;
    }

    private static void Cover(List<string> a, List<string> b, bool[] coveredA, bool[] coveredB)
    {
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (Alike(a[i], b[j]))
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

    private static bool Alike(string x, string y)
    {
        if (x == y)
            return true;
        var (shorter, longer) = x.Length <= y.Length ? (x, y) : (y, x);
        if (shorter.Length >= 5 && longer.StartsWith(shorter, StringComparison.Ordinal))
            return true;
        return shorter.Length >= 6 && longer.Length - shorter.Length <= 1 && Distance(x, y) <= 1;
    }

    private static int Distance(string x, string y)
    {
        var previous = Enumerable.Range(0, y.Length + 1).ToArray();
        for (var i = 1; i <= x.Length; i++)
        {
            var current = new int[y.Length + 1];
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[y.Length];
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
