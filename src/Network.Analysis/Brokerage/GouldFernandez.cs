using Network.Analysis.Graphs;

namespace Network.Analysis.Brokerage;

public readonly record struct BrokerageRoles(long Coordinator, long Itinerant, long Gatekeeper, long Representative, long Liaison)
{
    public long Total => Coordinator + Itinerant + Gatekeeper + Liaison;

    /// <summary>
    /// The roles it plays, most pairs first, at most <paramref name="most"/>: "gatekeeper 2,207,511, liaison 1,647,170"
    /// (gatekeeper and representative coincide on an undirected network, so they are one entry, named gatekeeper);
    /// "none" for no brokered pair.
    /// </summary>
    public string Describe(int most = 4)
    {
        var roles = new (string Name, long Pairs)[] { ("liaison", Liaison), ("gatekeeper", Gatekeeper), ("itinerant", Itinerant), ("coordinator", Coordinator) };
        var played = roles.Where(r => r.Pairs > 0).OrderByDescending(r => r.Pairs).Take(most)
            .Select(r => $"{r.Name} {r.Pairs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        return played.Count == 0 ? "none" : string.Join(", ", played);
    }
}

/// <summary>
/// Gould–Fernandez brokerage roles (Gould &amp; Fernandez 1989, "Structures of mediation") on an undirected graph.
/// For each node v, every unordered open pair a–v–b (a and b both tied to v, not to each other) is one brokered pair:
/// coordinator (a, v, b in one group), itinerant (a, b in one group, v in another), liaison (three groups), and
/// gatekeeper = representative (v shares its group with exactly one of a, b — the two directed roles coincide).
/// R <c>sna::brokerage</c> on the symmetrised graph counts ordered pairs: twice our coordinator, itinerant and liaison
/// counts and the same gatekeeper and representative counts.
/// </summary>
public static class GouldFernandez
{
    /// <param name="groups">Group index per node (any non-negative integers).</param>
    public static BrokerageRoles[] Compute(WeightedGraph graph, IReadOnlyList<int> groups)
    {
        var n = graph.NodeCount;
        if (groups.Count != n)
            throw new ArgumentException($"{groups.Count} group values for {n} nodes.");
        var roles = new BrokerageRoles[n];
        var pairs = new OpenPairs(graph);
        for (var v = 0; v < n; v++)
        {
            long coordinator = 0, itinerant = 0, mediator = 0, liaison = 0;
            var gv = groups[v];
            pairs.Visit(v, (a, b) =>
            {
                var (ga, gb) = (groups[a], groups[b]);
                if (ga == gb)
                {
                    if (ga == gv)
                        coordinator++;
                    else
                        itinerant++;
                }
                else if (ga == gv || gb == gv)
                {
                    mediator++;
                }
                else
                {
                    liaison++;
                }
            });
            roles[v] = new BrokerageRoles(coordinator, itinerant, mediator, mediator, liaison);
        }
        return roles;
    }
}

/// <summary>Walks the open pairs a–v–b of a node: two of its contacts that are not tied to each other.</summary>
internal sealed class OpenPairs(WeightedGraph graph)
{
    private readonly int[] _mark = Enumerable.Repeat(-1, graph.NodeCount).ToArray();

    public void Visit(int v, Action<int, int> visit)
    {
        var contacts = graph.Neighbours(v);
        for (var i = 0; i < contacts.Length; i++)
        {
            var a = contacts[i];
            // Mark a's contacts so "is b tied to a" is one array read.
            foreach (var x in graph.Neighbours(a))
                _mark[x] = a;
            for (var j = i + 1; j < contacts.Length; j++)
            {
                var b = contacts[j];
                if (_mark[b] != a)
                    visit(a, b);
            }
        }
    }
}
