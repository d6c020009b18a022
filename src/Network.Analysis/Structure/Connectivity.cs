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
    /// Whether taking some ties out of a graph separates nodes that were connected: for each tie taken out, a search
    /// from both of its ends at once over the ties left, stopped when the two meet (still connected) or when one side
    /// runs out (separated) — the work is that of the smaller side. The buffers are kept between questions.
    /// </summary>
    public sealed class EdgeCut(WeightedGraph graph)
    {
        private readonly int[] _seen = new int[graph.NodeCount];
        private readonly int[][] _queue = [new int[graph.NodeCount], new int[graph.NodeCount]];
        private readonly HashSet<long> _removed = [];
        private int _stamp;

        /// <summary>Whether the graph without <paramref name="removed"/> (pairs of node indices) has more components than with them.</summary>
        public bool Disconnects(IReadOnlyList<(int U, int V)> removed)
        {
            _removed.Clear();
            foreach (var (u, v) in removed)
                _removed.Add(Key(u, v));
            foreach (var (u, v) in removed)
            {
                if (!StillJoined(u, v))
                    return true;
            }
            return false;
        }

        private long Key(int u, int v) => (long)Math.Min(u, v) * graph.NodeCount + Math.Max(u, v);

        private bool StillJoined(int u, int v)
        {
            if (u == v)
                return true;
            // Stamps 2k+1 and 2k+2 mark the two sides of question k, so nothing is cleared between questions.
            _stamp += 2;
            int[] mark = [_stamp - 1, _stamp];
            int[] head = [0, 0], tail = [1, 1];
            (_queue[0][0], _queue[1][0]) = (u, v);
            (_seen[u], _seen[v]) = (mark[0], mark[1]);
            while (head[0] < tail[0] && head[1] < tail[1])
            {
                // The side that has less waiting goes on.
                var side = tail[0] - head[0] <= tail[1] - head[1] ? 0 : 1;
                var x = _queue[side][head[side]++];
                foreach (var w in graph.Neighbours(x))
                {
                    if (_seen[w] == mark[1 - side] && !_removed.Contains(Key(x, w)))
                        return true;
                    if (_seen[w] == mark[side] || _removed.Contains(Key(x, w)))
                        continue;
                    _seen[w] = mark[side];
                    _queue[side][tail[side]++] = w;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// Articulation points (nodes whose removal disconnects their component) and bridges (edges whose removal does),
    /// by Hopcroft–Tarjan depth-first search with low-links, iterative so deep graphs cannot overflow the stack.
    /// Bridges are returned with the smaller index first, sorted.
    /// </summary>
    public static (int[] ArticulationPoints, (int U, int V)[] Bridges) CutPointsAndBridges(WeightedGraph graph)
    {
        var n = graph.NodeCount;
        var discovery = new int[n];
        var low = new int[n];
        var parent = new int[n];
        var edgeCursor = new int[n];
        Array.Fill(discovery, -1);
        var isCut = new bool[n];
        var bridges = new List<(int, int)>();
        var stack = new Stack<int>();
        var time = 0;

        for (var root = 0; root < n; root++)
        {
            if (discovery[root] >= 0)
                continue;
            var rootChildren = 0;
            discovery[root] = low[root] = time++;
            parent[root] = -1;
            edgeCursor[root] = graph.Offsets[root];
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Peek();
                if (edgeCursor[v] < graph.Offsets[v + 1])
                {
                    var w = graph.Targets[edgeCursor[v]++];
                    if (discovery[w] < 0)
                    {
                        parent[w] = v;
                        discovery[w] = low[w] = time++;
                        edgeCursor[w] = graph.Offsets[w];
                        stack.Push(w);
                        if (v == root)
                            rootChildren++;
                    }
                    else if (w != parent[v])
                    {
                        low[v] = Math.Min(low[v], discovery[w]);
                    }
                    continue;
                }
                stack.Pop();
                var p = parent[v];
                if (p < 0)
                    continue;
                low[p] = Math.Min(low[p], low[v]);
                if (low[v] > discovery[p])
                    bridges.Add(p < v ? (p, v) : (v, p));
                if (p != root && low[v] >= discovery[p])
                    isCut[p] = true;
            }
            if (rootChildren > 1)
                isCut[root] = true;
        }
        bridges.Sort();
        return (Enumerable.Range(0, n).Where(v => isCut[v]).ToArray(), [.. bridges]);
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
