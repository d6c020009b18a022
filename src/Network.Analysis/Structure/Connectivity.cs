using Network.Analysis.Graphs;

namespace Network.Analysis.Structure;

/// <summary>Components, cut vertices and cut edges of an undirected graph (weights ignored).</summary>
public static class Connectivity
{
    /// <summary>
    /// Component index per node, numbered by first appearance. With <paramref name="within"/>, only ties between nodes
    /// of the same group are followed: the connected parts of each group.
    /// </summary>
    public static int[] Components(WeightedGraph graph, IReadOnlyList<int>? within = null)
    {
        var n = graph.NodeCount;
        var component = new int[n];
        Array.Fill(component, -1);
        var queue = new int[n];
        var count = 0;
        for (var start = 0; start < n; start++)
        {
            if (component[start] >= 0)
                continue;
            int head = 0, tail = 0;
            queue[tail++] = start;
            component[start] = count;
            while (head < tail)
            {
                var v = queue[head++];
                foreach (var w in graph.Neighbours(v))
                {
                    if (component[w] < 0 && (within is null || within[w] == within[v]))
                    {
                        component[w] = count;
                        queue[tail++] = w;
                    }
                }
            }
            count++;
        }
        return component;
    }

    /// <summary>
    /// What taking some ties out of a graph separates, found by searches from the ties' ends that stop as soon as at
    /// most one part is still growing: the work is that of the smaller parts, not of the graph. The buffers are kept
    /// between questions.
    /// </summary>
    public sealed class EdgeCut(WeightedGraph graph)
    {
        private readonly int[] _seen = new int[graph.NodeCount];
            private readonly HashSet<long> _removed = [];
        private int _stamp;

        private long Key(int u, int v) => (long)Math.Min(u, v) * graph.NodeCount + Math.Max(u, v);

        /// <summary>
        /// The parts the graph without <paramref name="removed"/> falls into around the removed ties, all but one: a
        /// search from every end of a removed tie, one node each in turn, parts joined when their searches meet, until at
        /// most one part is still growing — that one is at least as large as every part that ran out, and is left out
        /// (when all ran out, the largest; equal sizes: the part of the earliest end). Empty when nothing separates.
        /// </summary>
        public IReadOnlyList<List<int>> Pieces(IReadOnlyList<(int U, int V)> removed)
        {
            _removed.Clear();
            foreach (var (u, v) in removed)
                _removed.Add(Key(u, v));
            var ends = removed.SelectMany(e => new[] { e.U, e.V }).Distinct().ToList();
            _stamp += 2;
            var seen = _stamp;
            var owner = new Dictionary<int, int>();
            var parts = ends.Select(e => new Piece(e)).ToList();
            var label = Enumerable.Range(0, ends.Count).ToArray();
            int Find(int i) => label[i] == i ? i : label[i] = Find(label[i]);
            for (var i = 0; i < ends.Count; i++)
            {
                _seen[ends[i]] = seen;
                owner[ends[i]] = i;
            }
            while (true)
            {
                var growing = Enumerable.Range(0, parts.Count).Where(i => Find(i) == i && parts[i].Growing).ToList();
                if (growing.Count <= 1)
                    break;
                foreach (var i in growing)
                {
                    if (Find(i) != i || !parts[i].Growing)
                        continue;
                    var x = parts[i].Next();
                    foreach (var w in graph.Neighbours(x))
                    {
                        if (_removed.Contains(Key(x, w)))
                            continue;
                        // i's part may have been joined to another's by an earlier tie of x.
                        var mine = Find(i);
                        if (_seen[w] != seen)
                        {
                            _seen[w] = seen;
                            owner[w] = mine;
                            parts[mine].Add(w);
                            continue;
                        }
                        var other = Find(owner[w]);
                        if (other == mine)
                            continue;
                        // Two searches met: one part. The earlier end's label is kept.
                        var (keep, gone) = other < mine ? (other, mine) : (mine, other);
                        label[gone] = keep;
                        parts[keep].Absorb(parts[gone]);
                    }
                }
            }
            var roots = Enumerable.Range(0, parts.Count).Where(i => Find(i) == i).ToList();
            if (roots.Count < 2)
                return [];
            var left = roots.FirstOrDefault(i => parts[i].Growing, -1);
            if (left < 0)
                left = roots.OrderByDescending(i => parts[i].Members.Count).ThenBy(i => i).First();
            return roots.Where(i => i != left).Select(i => parts[i].Members).ToList();
        }

        /// <summary>One part's search: the nodes found, those still to visit.</summary>
        private sealed class Piece(int start)
        {
            private List<int> _waiting = [start];
            private int _head;

            public List<int> Members { get; private set; } = [start];

            public bool Growing => _head < _waiting.Count;

            public int Next() => _waiting[_head++];

            public void Add(int w)
            {
                Members.Add(w);
                _waiting.Add(w);
            }

            public void Absorb(Piece other)
            {
                Members.AddRange(other.Members);
                _waiting = [.. _waiting.Skip(_head), .. other._waiting.Skip(other._head)];
                _head = 0;
                (other.Members, other._waiting, other._head) = ([], [], 0);
            }
        }

    }

    /// <summary>
    /// Articulation points (nodes whose removal disconnects their component) and bridges (edges whose removal does),
    /// by Hopcroft–Tarjan depth-first search with low-links, iterative so deep graphs cannot overflow the stack.
    /// Bridges are returned with the smaller index first, sorted.
    /// </summary>
    public static (int[] ArticulationPoints, (int U, int V)[] Bridges) CutPointsAndBridges(WeightedGraph graph)
    {
        var search = new LowPoints(graph);
        var n = graph.NodeCount;
        var isCut = new bool[n];
        var rootChildren = new int[n];
        var bridges = new List<(int, int)>();
        for (var v = 0; v < n; v++)
        {
            var p = search.Parent[v];
            if (p < 0)
                continue;
            if (search.Low[v] > search.Discovery[p])
                bridges.Add(p < v ? (p, v) : (v, p));
            if (p == search.Root[v])
                rootChildren[p]++;
            else if (search.Low[v] >= search.Discovery[p])
                isCut[p] = true;
        }
        for (var v = 0; v < n; v++)
        {
            if (search.Root[v] == v && rootChildren[v] > 1)
                isCut[v] = true;
        }
        bridges.Sort();
        return (Enumerable.Range(0, n).Where(v => isCut[v]).ToArray(), [.. bridges]);
    }

    /// <summary>
    /// One depth-first search of every component (Hopcroft and Tarjan 1973), iterative: each node's discovery time,
    /// low point (the earliest discovery reachable from its subtree by one tie back), parent in the search tree (−1 for
    /// a component's root), root, the size of its subtree, and the nodes in visiting order — a subtree is the range
    /// <c>Visit[Discovery[v] .. Discovery[v] + Size[v]]</c>. Cut points, bridges and what each cut point's departure
    /// separates are all read from it.
    /// </summary>
    internal sealed class LowPoints
    {
        public LowPoints(WeightedGraph graph)
        {
            var n = graph.NodeCount;
            (Discovery, Low, Parent, Root, Size, Visit) = (new int[n], new int[n], new int[n], new int[n], new int[n], new int[n]);
            Array.Fill(Discovery, -1);
            var cursor = new int[n];
            var stack = new Stack<int>();
            var time = 0;
            for (var root = 0; root < n; root++)
            {
                if (Discovery[root] >= 0)
                    continue;
                Enter(root, -1, root);
                stack.Push(root);
                while (stack.Count > 0)
                {
                    var v = stack.Peek();
                    if (cursor[v] < graph.Offsets[v + 1])
                    {
                        var w = graph.Targets[cursor[v]++];
                        if (Discovery[w] < 0)
                        {
                            Enter(w, v, root);
                            stack.Push(w);
                        }
                        else if (w != Parent[v])
                        {
                            Low[v] = Math.Min(Low[v], Discovery[w]);
                        }
                        continue;
                    }
                    stack.Pop();
                    if (Parent[v] is var p && p >= 0)
                    {
                        Low[p] = Math.Min(Low[p], Low[v]);
                        Size[p] += Size[v];
                    }
                }
            }

            void Enter(int v, int parent, int root)
            {
                Visit[time] = v;
                (Discovery[v], Low[v], Parent[v], Root[v], Size[v]) = (time, time, parent, root, 1);
                cursor[v] = graph.Offsets[v];
                time++;
            }
        }

        public int[] Discovery { get; }
        public int[] Low { get; }
        public int[] Parent { get; }
        public int[] Root { get; }
        public int[] Size { get; }
        public int[] Visit { get; }
    }

    /// <summary>
    /// Core number per node (the largest k such that the node is in the k-core), by the Batagelj–Zaversnik
    /// bucket algorithm in O(m); weights ignored, as NetworkX <c>core_number</c>.
    /// </summary>
    public static int[] CoreNumbers(WeightedGraph graph)
    {
        var n = graph.NodeCount;
        var degree = new int[n];
        var maxDegree = 0;
        for (var v = 0; v < n; v++)
            maxDegree = Math.Max(maxDegree, degree[v] = graph.Degree(v));
        var bin = new int[maxDegree + 1];
        foreach (var d in degree)
            bin[d]++;
        for (int d = 0, start = 0; d <= maxDegree; d++)
            (bin[d], start) = (start, start + bin[d]);
        var position = new int[n];
        var order = new int[n];
        for (var v = 0; v < n; v++)
        {
            position[v] = bin[degree[v]]++;
            order[position[v]] = v;
        }
        for (var d = maxDegree; d > 0; d--)
            bin[d] = bin[d - 1];
        if (maxDegree >= 0 && bin.Length > 0)
            bin[0] = 0;
        for (var i = 0; i < n; i++)
        {
            var v = order[i];
            foreach (var u in graph.Neighbours(v))
            {
                if (degree[u] > degree[v])
                {
                    var du = degree[u];
                    var pu = position[u];
                    var pw = bin[du];
                    var w = order[pw];
                    if (u != w)
                    {
                        (order[pu], order[pw]) = (w, u);
                        (position[u], position[w]) = (pw, pu);
                    }
                    bin[du]++;
                    degree[u]--;
                }
            }
        }
        return degree;
    }
}
