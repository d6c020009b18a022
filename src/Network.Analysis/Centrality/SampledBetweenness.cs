using Network.Analysis.Graphs;
using Network.Analysis.Structure;

namespace Network.Analysis.Centrality;

/// <summary>
/// Betweenness estimated with a stated guarantee: with probability at least 1 − <paramref name="Delta"/>, every node's
/// estimate is within <paramref name="Epsilon"/> of its exact (normalised) betweenness.
/// </summary>
/// <param name="Betweenness">Per node, normalised as <see cref="ShortestPaths"/> normalises the exact value.</param>
/// <param name="Epsilon">The largest error of any node's value (on the normalised scale).</param>
/// <param name="Samples">How many shortest paths were drawn.</param>
/// <param name="VertexDiameter">The bound on the number of nodes of any shortest path that set <paramref name="Samples"/>.</param>
public sealed record BetweennessEstimate(double[] Betweenness, double Epsilon, double Delta, int Samples, int VertexDiameter)
{
    /// <summary>The error as it stands beside a value: "±0.010".</summary>
    public string Margin => "±" + Epsilon.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The guarantee in words, for pages, reports and the command line.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"estimated from {Samples:N0} shortest paths drawn at random: every value within {Margin} of the exact one with probability {1 - Delta:0.##} (Riondato–Kornaropoulos)");
}

/// <summary>
/// Riondato and Kornaropoulos (2016, "Fast approximation of betweenness centrality through sampling", Data Min. Knowl.
/// Disc. 30): draw r pairs (s, t) uniformly, one shortest s–t path uniformly among all of them, and count how often each
/// node lies inside a drawn path; count / r estimates the betweenness normalised by n(n − 1). Shortest paths have range
/// space of VC dimension at most ⌊log₂(VD − 2)⌋ + 1 (VD: the most nodes on any shortest path), so
/// r = ⌈(c / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ with c = 0.5 makes every estimate ε-close at once with probability 1 − δ,
/// however many nodes the graph has. VD is bounded from one search per large component (below).
/// <para>
/// Each path is found by a bidirectional search (Dijkstra from both ends over 1/weight lengths, breadth-first lengths
/// of 1 when unweighted), counting shortest paths on both sides as Brandes does, stopped once the two nearest waiting
/// distances add up to more than the best s–t length found (so that every shortest path is counted): on a small-world
/// network it touches a small part of the graph. A path is drawn by taking the tie where it crosses from the s side to
/// the t side in proportion to σ_s(x)·σ_t(y), then predecessors back to each end in proportion to their path counts.
/// </para>
/// The draws are cut into fixed blocks, each with its own seeded random stream, so the estimate is the same whatever
/// the threads do.
/// </summary>
public static class SampledBetweenness
{
    /// <summary>The universal constant of the ε-approximation bound (Löffler and Phillips 2009), as Riondato and Kornaropoulos use it.</summary>
    public const double Constant = 0.5;

    /// <summary>The draws are cut into this many blocks whatever the number of threads, each with its own random stream.</summary>
    private const int Blocks = 64;

    /// <summary>How many paths guarantee ε with probability 1 − δ when no shortest path has more than <paramref name="vertexDiameter"/> nodes.</summary>
    public static int SamplesFor(int vertexDiameter, double epsilon, double delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        if (delta is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(delta), "δ must lie between 0 and 1.");
        var dimension = vertexDiameter < 3 ? 0 : Math.Floor(Math.Log2(vertexDiameter - 2)) + 1;
        return (int)Math.Min(int.MaxValue, Math.Ceiling(Constant / (epsilon * epsilon) * (dimension + Math.Log(1 / delta))));
    }

    public static BetweennessEstimate Estimate(WeightedGraph graph, double epsilon, double delta = 0.1, int seed = 0, int maxThreads = 0)
    {
        var n = graph.NodeCount;
        var components = Connectivity.Components(graph);
        var lengths = graph.IsUnweighted ? Enumerable.Repeat(1.0, graph.Targets.Length).ToArray() : ShortestPaths.TieLengths.Of(graph).Length;
        var diameter = VertexDiameterBound(graph, components, lengths);
        var samples = SamplesFor(diameter, epsilon, delta);
        var betweenness = new double[n];
        if (n < 3)
            return new BetweennessEstimate(betweenness, epsilon, delta, 0, diameter);

        var threads = maxThreads > 0 ? maxThreads : Environment.ProcessorCount;
        var blocks = Math.Max(1, Math.Min(samples, Blocks));
        var counts = new int[blocks][];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new PathSampler(graph, lengths, components),
            (block, _, sampler) =>
            {
                var draws = (int)((long)samples * (block + 1) / blocks - (long)samples * block / blocks);
                // The same rule as the rank bands' copies: HashCode.Combine is salted per process, and the CLI and the server
                // must print the same estimate for the same network and seed.
                var random = new Random(unchecked((seed * 1_000_003) + block));
                var count = new int[n];
                for (var i = 0; i < draws; i++)
                {
                    var s = random.Next(n);
                    var t = random.Next(n - 1);
                    if (t >= s)
                        t++;
                    sampler.Draw(s, t, random, count);
                }
                counts[block] = count;
                return sampler;
            },
            _ => { });
        // count / r estimates Σ over ordered pairs / (n(n − 1)); the engine's normalisation divides by (n − 1)(n − 2).
        var scale = (double)n / (n - 2) / samples;
        for (var v = 0; v < n; v++)
        {
            long total = 0;
            foreach (var count in counts)
                total += count[v];
            betweenness[v] = total * scale;
        }
        return new BetweennessEstimate(betweenness, epsilon * n / (n - 2), delta, samples, diameter);
    }

    /// <summary>
    /// A bound on the most nodes on any shortest path, from one search per component (largest first, until a component
    /// is too small to matter): all distances in a component are at most twice the farthest distance e from any one of
    /// its nodes, so a shortest path has at most 2e hops (unweighted) or 2e / (shortest tie) hops (weighted), and never
    /// more nodes than its component.
    /// </summary>
    internal static int VertexDiameterBound(WeightedGraph graph, int[] components, double[] lengths)
    {
        var sizes = new Dictionary<int, (int Size, int First)>();
        for (var v = 0; v < components.Length; v++)
            sizes[components[v]] = sizes.TryGetValue(components[v], out var c) ? (c.Size + 1, c.First) : (1, v);
        var shortest = lengths.DefaultIfEmpty(1).Min();
        var search = ShortestPaths.DistanceSearches(graph)();
        var bound = 1;
        foreach (var (size, first) in sizes.Values.OrderByDescending(c => c.Size))
        {
            if (size <= bound)
                break;
            var farthest = search.From(first).Where(d => !double.IsInfinity(d)).Max();
            var hops = graph.IsUnweighted ? 2 * farthest : Math.Floor(2 * farthest * (1 + 1e-9) / shortest);
            bound = Math.Max(bound, (int)Math.Min(size, hops + 1));
        }
        return bound;
    }

    /// <summary>One thread's bidirectional search: per side distances, path counts and states, reset only where touched.</summary>
    private sealed class PathSampler
    {
        private const byte Unseen = 0, Waiting = 1, Settled = 2;

        private readonly WeightedGraph _graph;
        private readonly double[] _length;
        private readonly int[] _component;
        private readonly double[][] _distance;
        private readonly double[][] _sigma;
        private readonly byte[][] _state;
        private readonly int[][] _touched;
        private readonly int[] _touchedCount = new int[2];
        private readonly ShortestPaths.DistanceHeap[] _waiting;
        private readonly List<(int X, int Y, double Paths)> _crossings = [];
        private readonly List<(int Node, double Paths)> _choices = [];

        public PathSampler(WeightedGraph graph, double[] length, int[] component)
        {
            (_graph, _length, _component) = (graph, length, component);
            var n = graph.NodeCount;
            _distance = [new double[n], new double[n]];
            _sigma = [new double[n], new double[n]];
            _state = [new byte[n], new byte[n]];
            _touched = [new int[n], new int[n]];
            _waiting = [new ShortestPaths.DistanceHeap(n), new ShortestPaths.DistanceHeap(n)];
        }

        /// <summary>Draws one shortest s–t path uniformly and adds 1 to each node inside it.</summary>
        public void Draw(int s, int t, Random random, int[] count)
        {
            if (_component[s] != _component[t])
                return;
            Reset();
            Start(0, s);
            Start(1, t);
            var best = double.MaxValue;
            // Each end settled on its own side first, so that both ends' counts are final.
            best = Math.Min(best, Settle(0));
            best = Math.Min(best, Settle(1));
            while (_waiting[0].Count > 0 && _waiting[1].Count > 0
                   && !ShortestPaths.Shorter(best, _waiting[0].NearestDistance + _waiting[1].NearestDistance))
            {
                var side = _waiting[0].Count <= _waiting[1].Count ? 0 : 1;
                best = Math.Min(best, Settle(side));
            }

            // Every node nearer to s than θ is settled from s, every node within best − θ of t from t (the stop rule), so
            // each shortest path crosses exactly one tie (x, y) with d(s, x) < θ ≤ d(s, y): σ_s(x)·σ_t(y) of its paths.
            var threshold = Math.Min(best, _waiting[0].Count > 0 ? _waiting[0].NearestDistance : double.MaxValue);
            var (offsets, targets) = (_graph.Offsets, _graph.Targets);
            var (ds, dt, ss, st) = (_distance[0], _distance[1], _state[0], _state[1]);
            _crossings.Clear();
            var total = 0.0;
            for (var i = 0; i < _touchedCount[0]; i++)
            {
                var x = _touched[0][i];
                if (ss[x] != Settled || !ShortestPaths.Shorter(ds[x], threshold))
                    continue;
                for (var e = offsets[x]; e < offsets[x + 1]; e++)
                {
                    var y = targets[e];
                    var reach = ds[x] + _length[e];
                    if (st[y] != Settled || ShortestPaths.Shorter(reach, threshold) || !ShortestPaths.Same(reach + dt[y], best))
                        continue;
                    var paths = _sigma[0][x] * _sigma[1][y];
                    _crossings.Add((x, y, paths));
                    total += paths;
                }
            }
            if (_crossings.Count == 0)
                return;
            var pick = random.NextDouble() * total;
            var (cx, cy, _) = _crossings[^1];
            foreach (var (x, y, paths) in _crossings)
            {
                if ((pick -= paths) < 0)
                {
                    (cx, cy) = (x, y);
                    break;
                }
            }
            Back(0, cx, s, random, count);
            Back(1, cy, t, random, count);
        }

        /// <summary>From <paramref name="node"/> back to the side's end, each step to a predecessor in proportion to its paths, counting the inner nodes.</summary>
        private void Back(int side, int node, int end, Random random, int[] count)
        {
            var (distance, sigma, state) = (_distance[side], _sigma[side], _state[side]);
            var (offsets, targets) = (_graph.Offsets, _graph.Targets);
            while (node != end)
            {
                count[node]++;
                _choices.Clear();
                var total = 0.0;
                for (var e = offsets[node]; e < offsets[node + 1]; e++)
                {
                    var p = targets[e];
                    if (state[p] == Settled && ShortestPaths.Same(distance[p] + _length[e], distance[node]) && ShortestPaths.Shorter(distance[p], distance[node]))
                    {
                        _choices.Add((p, sigma[p]));
                        total += sigma[p];
                    }
                }
                var pick = random.NextDouble() * total;
                var next = _choices[^1].Node;
                foreach (var (p, paths) in _choices)
                {
                    if ((pick -= paths) < 0)
                    {
                        next = p;
                        break;
                    }
                }
                node = next;
            }
        }

        private void Start(int side, int v)
        {
            _distance[side][v] = 0;
            _sigma[side][v] = 1;
            _state[side][v] = Waiting;
            _touched[side][_touchedCount[side]++] = v;
            _waiting[side].Add(v, 0);
        }

        /// <summary>Settles the side's nearest waiting node; returns the shortest s–t length through its ties to the other side's labels.</summary>
        private double Settle(int side)
        {
            var (distance, sigma, state, waiting) = (_distance[side], _sigma[side], _state[side], _waiting[side]);
            var (otherDistance, otherState) = (_distance[1 - side], _state[1 - side]);
            var v = waiting.TakeNearest();
            state[v] = Settled;
            var d = distance[v];
            var best = otherState[v] != Unseen ? d + otherDistance[v] : double.MaxValue;
            var (offsets, targets) = (_graph.Offsets, _graph.Targets);
            for (var e = offsets[v]; e < offsets[v + 1]; e++)
            {
                var w = targets[e];
                var candidate = d + _length[e];
                if (otherState[w] != Unseen)
                    best = Math.Min(best, candidate + otherDistance[w]);
                switch (state[w])
                {
                    case Settled:
                        continue;
                    case Unseen:
                        (distance[w], sigma[w], state[w]) = (candidate, sigma[v], Waiting);
                        _touched[side][_touchedCount[side]++] = w;
                        waiting.Add(w, candidate);
                        break;
                    default:
                        if (ShortestPaths.Shorter(candidate, distance[w]))
                        {
                            (distance[w], sigma[w]) = (candidate, sigma[v]);
                            waiting.Nearer(w, candidate);
                        }
                        else if (ShortestPaths.Same(candidate, distance[w]))
                        {
                            sigma[w] += sigma[v];
                        }
                        break;
                }
            }
            return best;
        }

        private void Reset()
        {
            for (var side = 0; side < 2; side++)
            {
                for (var i = 0; i < _touchedCount[side]; i++)
                    _state[side][_touched[side][i]] = Unseen;
                _touchedCount[side] = 0;
                _waiting[side].Clear();
            }
        }
    }
}
