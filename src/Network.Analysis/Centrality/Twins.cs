using Network.Analysis.Graphs;

namespace Network.Analysis.Centrality;

/// <summary>
/// Nodes that can trade places: u and v are twins when each has the same tie, of the same weight, to every other node —
/// with no tie between them (open twins: two organisations with the same partners) or with one (closed twins: the
/// members of one project who are in no other). Swapping two twins maps the graph onto itself, so from either as the
/// source every other node is as far and every dependency the same, and neither lies on a shortest path from the
/// other (its distances to everyone else equal the other's). One search per class of twins, its dependencies counted
/// once per member, gives exact betweenness, closeness and harmonic centrality (identical vertices, Sariyüce et al.
/// 2013, "Shattering and compressing networks for betweenness centrality"). On CORDIS the projects make 5,271
/// organisations into far fewer classes.
/// </summary>
internal static class Twins
{
    /// <summary>
    /// The classes of twins: for each node the first node of its class (itself when it has no twin). Classes of more than
    /// one have every member the twin of every other.
    /// </summary>
    public static int[] Classes(WeightedGraph graph)
    {
        var n = graph.NodeCount;
        var first = new int[n];
        for (var v = 0; v < n; v++)
            first[v] = v;
        // Candidates share a hash of their ties (open) or of themselves with their partners (closed); each is then
        // compared tie by tie with the first node of every class already in its bucket.
        var open = new Dictionary<ulong, List<int>>();
        var closed = new Dictionary<ulong, List<int>>();
        for (var v = 0; v < n; v++)
        {
            if (Join(open, OpenHash(graph, v), v, (a, b) => OpenTwins(graph, a, b), first))
                continue;
            Join(closed, ClosedHash(graph, v), v, (a, b) => ClosedTwins(graph, a, b), first);
        }
        return first;
    }

    /// <summary>Puts v in the class of the first node in its bucket it is a twin of; whether it found one.</summary>
    private static bool Join(Dictionary<ulong, List<int>> buckets, ulong hash, int v, Func<int, int, bool> twins, int[] first)
    {
        if (!buckets.TryGetValue(hash, out var heads))
            buckets[hash] = heads = [];
        foreach (var head in heads)
        {
            if (twins(head, v))
            {
                first[v] = head;
                return true;
            }
        }
        heads.Add(v);
        return false;
    }

    private static ulong OpenHash(WeightedGraph graph, int v)
    {
        var hash = 14695981039346656037UL;
        var weights = graph.NeighbourWeights(v);
        var targets = graph.Neighbours(v);
        for (var i = 0; i < targets.Length; i++)
            hash = Mix(Mix(hash, (ulong)targets[i]), (ulong)BitConverter.DoubleToInt64Bits(weights[i]));
        return hash;
    }

    /// <summary>A hash of v with its partners, in order (weights left out: those of closed twins differ in one place).</summary>
    private static ulong ClosedHash(WeightedGraph graph, int v)
    {
        var hash = 1099511628211UL;
        var added = false;
        foreach (var x in graph.Neighbours(v))
        {
            if (!added && v < x)
            {
                hash = Mix(hash, (ulong)v);
                added = true;
            }
            hash = Mix(hash, (ulong)x);
        }
        return added ? hash : Mix(hash, (ulong)v);
    }

    private static ulong Mix(ulong hash, ulong value) => (hash ^ value) * 0x100000001B3UL + (hash >> 29);

    /// <summary>The same partners with the same weights, and no tie between them.</summary>
    private static bool OpenTwins(WeightedGraph graph, int u, int v) =>
        graph.Neighbours(u).SequenceEqual(graph.Neighbours(v)) && graph.NeighbourWeights(u).SequenceEqual(graph.NeighbourWeights(v));

    /// <summary>
    /// Tied to each other, and to every other node alike. Twins of the same node are twins of each other: if v and m are
    /// both u's, m's tie to v weighs what u's does (m is u's twin), and v's tie to m what u's does (v is u's twin).
    /// </summary>
    private static bool ClosedTwins(WeightedGraph graph, int u, int v) =>
        graph.Weight(u, v) != 0 && graph.Degree(u) == graph.Degree(v) && SameElsewhere(graph, u, v);

    /// <summary>Whether u and v have the same ties, of the same weights, to every node but each other.</summary>
    private static bool SameElsewhere(WeightedGraph graph, int u, int v)
    {
        var tu = graph.Neighbours(u);
        var wu = graph.NeighbourWeights(u);
        var tv = graph.Neighbours(v);
        var wv = graph.NeighbourWeights(v);
        int i = 0, j = 0;
        while (true)
        {
            while (i < tu.Length && tu[i] == v)
                i++;
            while (j < tv.Length && tv[j] == u)
                j++;
            if (i == tu.Length || j == tv.Length)
                return i == tu.Length && j == tv.Length;
            if (tu[i] != tv[j] || wu[i] != wv[j])
                return false;
            i++;
            j++;
        }
    }
}
