using Network.Analysis.Graphs;
using Network.Analysis.Insights;

namespace Network.Analysis.Brokerage;

/// <summary>
/// For every node v: its open pairs (two contacts not tied to each other), how many of them join two different groups
/// of each attribute (sector, city, …), and the pairs of groups it joins most often.
/// </summary>
/// <remarks>
/// Counted without visiting each open pair: of v's contacts, c_g are in group g, so c_g · c_h pairs join g and h, and
/// the tied ones among them are taken off — those are found by walking the ties between v's contacts (the triangles
/// through v), which are far fewer than the pairs a hub like a university has (on CORDIS 11.9 million tied against 23.8
/// million open; each open pair used to be compared attribute by attribute as text). The most frequent group pairs
/// are found among the largest groups first: c_g · c_h bounds what a pair can count, so the search stops as soon as
/// that bound falls below the weakest pair kept.
/// </remarks>
internal static class GroupPairs
{
    /// <param name="values">Per attribute, per node: its group, or null where it has none.</param>
    /// <param name="top">How many group pairs to keep per node, most frequent first, ties by attribute and names.</param>
    public static (int[] Open, int[] Cross, List<GroupBridge>[] Bridges) Count(WeightedGraph graph, IReadOnlyList<string> attributes, string?[][] values, int top)
    {
        var n = graph.NodeCount;
        var k = attributes.Count;
        // Groups as numbers in the ordinal order of their names, so comparing numbers orders the names.
        var names = new string[k][];
        var codes = new int[k][];
        for (var t = 0; t < k; t++)
        {
            names[t] = values[t].OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
            var index = names[t].Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
            codes[t] = values[t].Select(v => v is null ? -1 : index[v]).ToArray();
        }
        // Attributes are tried in the ordinal order of their names (the tie-break of equal counts).
        var attributeOrder = Enumerable.Range(0, k).OrderBy(t => attributes[t], StringComparer.Ordinal).ToArray();

        var open = new int[n];
        var cross = new int[n];
        var bridges = new List<GroupBridge>[n];
        var member = new int[n];
        Array.Fill(member, -1);
        var counts = names.Select(g => new int[g.Length]).ToArray();
        var touched = names.Select(_ => new List<int>()).ToArray();
        var tiedAcross = new long[k];
        var tiedBetween = new Dictionary<(int Attribute, int G, int H), int>();
        var best = new List<(int Attribute, int G, int H, int Pairs)>(top + 1);

        for (var v = 0; v < n; v++)
        {
            var contacts = graph.Neighbours(v);
            foreach (var a in contacts)
                member[a] = v;
            for (var t = 0; t < k; t++)
            {
                foreach (var a in contacts)
                {
                    var g = codes[t][a];
                    if (g >= 0 && counts[t][g]++ == 0)
                        touched[t].Add(g);
                }
            }

            // The ties between v's contacts: each such pair is not open.
            long tied = 0;
            Array.Clear(tiedAcross);
            tiedBetween.Clear();
            foreach (var a in contacts)
            {
                foreach (var b in graph.Neighbours(a))
                {
                    if (b <= a || member[b] != v)
                        continue;
                    tied++;
                    for (var t = 0; t < k; t++)
                    {
                        var (ga, gb) = (codes[t][a], codes[t][b]);
                        if (ga < 0 || gb < 0 || ga == gb)
                            continue;
                        tiedAcross[t]++;
                        var key = ga < gb ? (t, ga, gb) : (t, gb, ga);
                        tiedBetween[key] = tiedBetween.GetValueOrDefault(key) + 1;
                    }
                }
            }

            long d = contacts.Length;
            open[v] = checked((int)(d * (d - 1) / 2 - tied));
            long spanning = 0;
            best.Clear();
            foreach (var t in attributeOrder)
            {
                long sum = 0, squares = 0;
                foreach (var g in touched[t])
                {
                    sum += counts[t][g];
                    squares += (long)counts[t][g] * counts[t][g];
                }
                spanning += (sum * sum - squares) / 2 - tiedAcross[t];
                Strongest(t, counts[t], touched[t], tiedBetween, best, top);
            }
            cross[v] = checked((int)spanning);
            bridges[v] = best.Select(b => new GroupBridge(attributes[b.Attribute], names[b.Attribute][b.G], names[b.Attribute][b.H], b.Pairs)).ToList();

            for (var t = 0; t < k; t++)
            {
                foreach (var g in touched[t])
                    counts[t][g] = 0;
                touched[t].Clear();
            }
        }
        return (open, cross, bridges);
    }

    /// <summary>Adds attribute t's most frequent group pairs to <paramref name="best"/> (kept sorted, at most <paramref name="top"/>).</summary>
    private static void Strongest(int t, int[] counts, List<int> groups, Dictionary<(int, int, int), int> tiedBetween, List<(int Attribute, int G, int H, int Pairs)> best, int top)
    {
        var bySize = groups.OrderByDescending(g => counts[g]).ThenBy(g => g).ToArray();
        for (var i = 0; i < bySize.Length; i++)
        {
            for (var j = i + 1; j < bySize.Length; j++)
            {
                var bound = (long)counts[bySize[i]] * counts[bySize[j]];
                if (best.Count == top && bound < best[^1].Pairs)
                {
                    if (j == i + 1)
                        return; // no later pair can do better either
                    break;
                }
                var (g, h) = bySize[i] < bySize[j] ? (bySize[i], bySize[j]) : (bySize[j], bySize[i]);
                var pairs = (int)(bound - tiedBetween.GetValueOrDefault((t, g, h)));
                if (pairs > 0)
                    Keep(best, (t, g, h, pairs), top);
            }
        }
    }

    /// <summary>Inserts in order: more pairs first; equal counts by attribute (already in name order), then the two groups.</summary>
    private static void Keep(List<(int Attribute, int G, int H, int Pairs)> best, (int Attribute, int G, int H, int Pairs) candidate, int top)
    {
        var at = best.Count;
        while (at > 0 && Before(candidate, best[at - 1]))
            at--;
        if (at >= top)
            return;
        best.Insert(at, candidate);
        if (best.Count > top)
            best.RemoveAt(top);
    }

    private static bool Before((int Attribute, int G, int H, int Pairs) x, (int Attribute, int G, int H, int Pairs) y) =>
        x.Pairs != y.Pairs ? x.Pairs > y.Pairs : x.Attribute != y.Attribute ? false : x.G != y.G ? x.G < y.G : x.H < y.H;
}
