using Network.Analysis.Domain;

namespace Network.Analysis.Text;

/// <summary>
/// Search as people search: "ku leuven", "KU Leuven" and "imec" find KU Leuven and IMEC whether the query matches the
/// name, the short name, the source's spelling or another name; case and accents do not matter; words match by
/// prefix in any order. Matches come best first: exact names and short names, then names that start with the query,
/// then names whose words start with the query's words, then names that merely contain it, then ids.
/// </summary>
public static class NameSearch
{
    /// <summary>How well a node matches (lower is better), or null when it does not.</summary>
    public static int? Rank(Node node, string query) => Rank(NamesOf(node), node.Id, Prepare(query));

    /// <summary>The nodes that match <paramref name="query"/>, best first, ties by display name.</summary>
    public static IEnumerable<T> Find<T>(IEnumerable<T> nodes, string? query) where T : Node
    {
        if (string.IsNullOrWhiteSpace(query))
            return nodes.OrderBy(n => n.DisplayName, StringComparer.OrdinalIgnoreCase);
        var prepared = Prepare(query);
        return nodes.Select(n => (Node: n, Rank: Rank(NamesOf(n), n.Id, prepared)))
            .Where(x => x.Rank is not null)
            .OrderBy(x => x.Rank).ThenBy(x => x.Node.DisplayName.Length).ThenBy(x => x.Node.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Node);
    }

    /// <summary>Every name a node is known by, the display name first.</summary>
    public static IEnumerable<string> NamesOf(Node node)
    {
        yield return node.DisplayName;
        if (node is Organisation o)
        {
            if (o.ShortName is { } s)
                yield return s;
            if (o.LegalName is { } l)
                yield return l;
            foreach (var other in o.OtherNames)
                yield return other;
        }
    }

    /// <summary>Lower case, accents removed, punctuation as spaces: "K.U. Leuven" → "k u leuven".</summary>
    public static string Normalise(string text)
    {
        var folded = Names.Fold(text);
        var chars = new char[folded.Length];
        for (var i = 0; i < folded.Length; i++)
            chars[i] = char.IsLetterOrDigit(folded[i]) ? folded[i] : ' ';
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Query(string Raw, string Text, string Joined, string[] Words);

    private static Query Prepare(string query)
    {
        var text = Normalise(query);
        return new Query(query.Trim(), text, text.Replace(" ", "", StringComparison.Ordinal), text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static int? Rank(IEnumerable<string> names, string id, Query q)
    {
        if (q.Text.Length == 0)
            return q.Raw.Length == 0 ? 5 : id.Contains(q.Raw, StringComparison.OrdinalIgnoreCase) ? 5 : null;
        int? best = null;
        foreach (var name in names)
        {
            var n = Normalise(name);
            var joined = n.Replace(" ", "", StringComparison.Ordinal);
            int? rank =
                n == q.Text || joined == q.Joined ? 0
                : n.StartsWith(q.Text, StringComparison.Ordinal) ? 1
                : WordsStartWith(n, q.Words) ? 2
                : n.Contains(q.Text, StringComparison.Ordinal) || (q.Joined.Length >= 3 && joined.Contains(q.Joined, StringComparison.Ordinal)) ? 3
                : null;
            if (rank is { } r && (best is null || r < best))
                best = r;
        }
        return best ?? (id.Contains(q.Raw, StringComparison.OrdinalIgnoreCase) ? 4 : null);
    }

    /// <summary>Every query word is the start of some word of the name ("leu univ" matches "Katholieke Universiteit Leuven").</summary>
    private static bool WordsStartWith(string name, string[] words)
    {
        var nameWords = name.Split(' ');
        return words.All(w => nameWords.Any(nw => nw.StartsWith(w, StringComparison.Ordinal)));
    }
}
