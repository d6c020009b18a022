using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Network.Analysis.Graphs;

namespace Network.Analysis.Centrality;

/// <summary>Results of the all-sources shortest-path pass.</summary>
/// <param name="Betweenness">Normalised betweenness per node.</param>
/// <param name="Closeness">Closeness per node, or null when not computed (sampled runs).</param>
/// <param name="Harmonic">Harmonic centrality per node, or null when not computed.</param>
/// <param name="HarmonicOfSources">The harmonic centralities of the sources summed (of every node when exact): with
/// <paramref name="Sources"/>, the network's global efficiency, sampled or not.</param>
public sealed record ShortestPathCentralities(double[] Betweenness, double[]? Closeness, double[]? Harmonic, int Sources, double HarmonicOfSources)
{
    /// <summary>Global efficiency (Latora and Marchiori 2001): the mean of 1/d over ordered pairs, from the sources measured.</summary>
    public double Efficiency => Betweenness.Length < 2 || Sources == 0 ? 0 : HarmonicOfSources / (Sources * (Betweenness.Length - 1.0));
}

/// <summary>
/// Betweenness, closeness and harmonic centrality from one single-source shortest-path pass per source
/// (Brandes 2001, "A faster algorithm for betweenness centrality"). Edge weights are tie strengths, so the
/// length of an edge is 1/weight; an unweighted graph uses breadth-first search.
/// <list type="bullet">
/// <item>Betweenness: sum over pairs s≠t≠v of σ_st(v)/σ_st, normalised as NetworkX
/// <c>betweenness_centrality(normalized=True)</c>: divided by (n−1)(n−2)/2 for undirected graphs.
/// Sampled: k distinct pivot sources drawn with the seed, scaled by n/k (NetworkX's estimator).</item>
/// <item>Closeness: NetworkX <c>closeness_centrality</c> with the Wasserman–Faust correction:
/// ((r−1)/Σd) · ((r−1)/(n−1)) where r counts the nodes reachable from v, v included; 0 when nothing is reachable.</item>
/// <item>Harmonic: NetworkX <c>harmonic_centrality</c>, Σ 1/d(v,u) over reachable u≠v, unnormalised.</item>
/// </list>
/// Sources are spread over all cores; each worker keeps its own arrays and partial sums. Unweighted, eight sources
/// run at once where the machine has the vectors for it (<see cref="BatchedBreadth"/>).
/// <para>
/// Equal lengths: weighted path lengths are sums of 1/weight, and mathematically equal sums come out of floating point
/// slightly apart depending on their order (1/3 + 1/6 + 1/2 against 1/2 + 1/2). Two lengths count as equal when they
/// differ by at most <see cref="Tolerance"/> relative to the larger — the rule igraph applies — so every shortest path
/// is counted however its length was summed. Real differences between path lengths of a network with weights up to a
/// few thousand are far larger than that, so no longer path is ever taken for a shortest one.
/// </para>
/// </summary>
public static class ShortestPaths
{
    /// <summary>Relative tolerance within which two weighted path lengths are the same length.</summary>
    public const double Tolerance = 1e-10;

    /// <summary>1 − <see cref="Tolerance"/>: the factor a length is compared after.</summary>
    private const double Keep = 1 - Tolerance;

    /// <summary>Whether <paramref name="a"/> is shorter than <paramref name="b"/> by more than the tolerance.</summary>
    internal static bool Shorter(double a, double b) => double.IsInfinity(b) ? a < b : a < b - Tolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>Whether the two lengths are the same within the tolerance.</summary>
    internal static bool Same(double a, double b) => double.IsInfinity(a) || double.IsInfinity(b) ? a == b : Math.Abs(a - b) <= Tolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>
    /// Closeness with the Wasserman–Faust correction, from the nodes a search reached besides its source and the sum of
    /// their distances.
    /// </summary>
    internal static double Closeness(double reached, double total, int n) => total > 0 && n > 1 ? reached / total * (reached / (n - 1.0)) : 0;

    /// <summary>Graphs from this many nodes are renumbered breadth-first for the passes (results mapped back).</summary>
    private const int RenumberFrom = 1024;

    public static ShortestPathCentralities Compute(WeightedGraph graph, int? samples = null, int seed = 0, int maxThreads = 0) =>
        Compute(graph, samples, seed, maxThreads, renumber: graph.NodeCount >= RenumberFrom);

    /// <summary>Sampled from these sources (distinct nodes of <paramref name="graph"/>), betweenness scaled by n/k.</summary>
    public static ShortestPathCentralities ComputeFrom(WeightedGraph graph, IReadOnlyList<int> sources, int maxThreads = 0) =>
        Compute(graph, sources.Count, 0, maxThreads, graph.NodeCount >= RenumberFrom, given: [.. sources]);

    /// <summary>
    /// The k sources a sampled run with this seed draws from n nodes (a seeded shuffle's first k), in the caller's
    /// numbering: to measure a changed copy of a network from the same organisations, map these by id.
    /// </summary>
    public static int[] Draw(int n, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var drawn = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < Math.Min(k, n); i++)
        {
            var j = i + random.Next(n - i);
            (drawn[i], drawn[j]) = (drawn[j], drawn[i]);
        }
        return drawn[..Math.Min(k, n)];
    }

    /// <param name="batches">Whether an unweighted graph's searches run <see cref="BatchedPass.Lanes"/> sources at
    /// once; null: where the machine has the vectors for it.</param>
    /// <param name="twins">Whether an exact pass searches once per class of <see cref="Twins"/>; null: wherever it is safe.</param>
    /// <param name="given">The sources, in the caller's numbering, instead of drawing <paramref name="samples"/>.</param>
    internal static ShortestPathCentralities Compute(WeightedGraph graph, int? samples, int seed, int maxThreads, bool renumber, bool? batches = null, bool? twins = null, int[]? given = null)
    {
        if (!renumber)
            return Compute(graph, samples, seed, maxThreads, null, batches, twins, given);
        // Renumbered so that neighbours sit near each other in memory (15 % faster on BA(10,000, m = 5)); the sampled
        // sources are drawn in the caller's numbering, so the same seed picks the same organisations.
        var order = graph.BreadthFirstOrder();
        var result = Compute(graph.Renumbered(order), samples, seed, maxThreads, order, batches, twins, given);
        double[] Back(double[] values)
        {
            var mapped = new double[values.Length];
            for (var i = 0; i < order.Length; i++)
                mapped[order[i]] = values[i];
            return mapped;
        }
        return new ShortestPathCentralities(Back(result.Betweenness), result.Closeness is null ? null : Back(result.Closeness),
            result.Harmonic is null ? null : Back(result.Harmonic), result.Sources, result.HarmonicOfSources);
    }

    /// <param name="order">When the graph was renumbered: its node i is the caller's node order[i].</param>
    private static ShortestPathCentralities Compute(WeightedGraph graph, int? samples, int seed, int maxThreads, int[]? order, bool? batches, bool? twins, int[]? given)
    {
        var n = graph.NodeCount;
        int[] sources;
        if (given is not null || samples is { } k && k < n)
        {
            sources = given ?? Draw(n, samples!.Value, seed);
            if (order is not null)
            {
                // Drawn in the caller's numbering: the same seed samples the same organisations in either numbering.
                var position = new int[n];
                for (var i = 0; i < n; i++)
                    position[order[i]] = i;
                sources = sources.Select(s => position[s]).ToArray();
            }
        }
        else
        {
            sources = Enumerable.Range(0, n).ToArray();
        }
        var exact = sources.Length == n;
        var lengths = graph.IsUnweighted ? null : TieLengths.Of(graph);
        // Exact: one search per class of twins, counted once per member. Not where ties are so short that lengths
        // within the tolerance of each other could make a twin look like a way to the other (see TieLengths).
        var classes = exact && (twins ?? lengths is not { CheckSettled: true }) ? Twins.Classes(graph) : null;
        var copies = new double[exact ? n : sources.Length];
        if (classes is not null)
        {
            foreach (var first in classes)
                copies[first]++;
            sources = Enumerable.Range(0, n).Where(v => classes[v] == v).ToArray();
            copies = sources.Select(v => copies[v]).ToArray();
        }
        else
        {
            Array.Fill(copies, 1.0);
        }

        var betweenness = new double[n];
        var closeness = exact ? new double[n] : null;
        var harmonic = exact ? new double[n] : null;
        var sourceHarmonic = new double[sources.Length];
        var threads = maxThreads > 0 ? maxThreads : Environment.ProcessorCount;

        // Sources are cut into fixed blocks, each summed in source order and the blocks added in block order, so the
        // result is the same bit for bit however the threads are scheduled.
        var blocks = Math.Max(1, Math.Min(sources.Length, threads * 4));
        var partials = new double[blocks][];
        // Eight sources at once where the machine has the vectors for it: breadth-first when unweighted, in whole units
        // of length when the strengths are small whole numbers; otherwise one source at a time. Only when every node is
        // a source: eight drawn at random lie at too many distinct distances from a node to share its visits (200 drawn
        // on the 50,000-member network: 0.72 s in batches against 0.60 s one at a time).
        var batched = batches ?? (exact && BatchedPass.Worthwhile && sources.Length >= BatchedPass.Lanes);
        Func<IPass> makePass = () => new Worker(graph, lengths);
        if (batched && graph.IsUnweighted && BatchedBreadth.Fits(graph))
            makePass = () => new BatchedBreadth(graph);
        else if (batched && !graph.IsUnweighted && BatchedDial.For(graph) is { } dial)
            makePass = dial;
        else
            batched = false;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            makePass,
            (block, _, pass) =>
            {
                var (from, to) = ((int)((long)sources.Length * block / blocks), (int)((long)sources.Length * (block + 1) / blocks));
                Span<double> c = stackalloc double[pass.Width], h = stackalloc double[pass.Width];
                for (var i = from; i < to; i += pass.Width)
                {
                    var count = Math.Min(pass.Width, to - i);
                    pass.Run(sources.AsSpan(i, count), copies.AsSpan(i, count), c, h);
                    for (var j = 0; j < count; j++)
                    {
                        sourceHarmonic[i + j] = h[j] * copies[i + j];
                        if (exact)
                            (closeness![sources[i + j]], harmonic![sources[i + j]]) = (c[j], h[j]);
                    }
                }
                partials[block] = pass.TakePartial();
                return pass;
            },
            _ => { });
        foreach (var partial in partials)
        {
            for (var v = 0; v < n; v++)
                betweenness[v] += partial[v];
        }
        if (classes is not null)
        {
            // A twin is as close to the rest as the first of its class.
            for (var v = 0; v < n; v++)
                (closeness![v], harmonic![v]) = (closeness[classes[v]], harmonic[classes[v]]);
        }

        // Each unordered pair was counted from both ends when every node is a source; NetworkX's normalisation
        // of the ordered sum is 1/((n−1)(n−2)), scaled by n/k when sampling.
        if (n > 2)
        {
            var scale = 1.0 / ((n - 1.0) * (n - 2.0));
            if (!exact)
                scale *= (double)n / sources.Length;
            for (var v = 0; v < n; v++)
                betweenness[v] *= scale;
        }
        else
        {
            Array.Clear(betweenness);
        }
        // Summed in source order: the same total however the threads ran.
        var harmonicOfSources = 0.0;
        foreach (var h in sourceHarmonic)
            harmonicOfSources += h;
        return new ShortestPathCentralities(betweenness, closeness, harmonic, exact ? n : sources.Length, harmonicOfSources);
    }

    /// <summary>
    /// Distances from single sources by the same search the betweenness pass makes (breadth-first, or Dijkstra over
    /// 1/weight lengths with buckets or a heap): the one shortest-path search of the engine. Not thread-safe: give each
    /// thread its own (<see cref="DistanceSearches"/> makes them, sharing the ties' lengths).
    /// </summary>
    public sealed class DistanceSearch
    {
        private readonly Worker _worker;

        internal DistanceSearch(WeightedGraph graph, TieLengths? lengths) => _worker = new Worker(graph, lengths);

        /// <summary>Shortest distance from <paramref name="source"/> to every node (the source 0); infinity where unreachable.</summary>
        public double[] From(int source)
        {
            _worker.Search(source);
            return _worker.Distances();
        }
    }

    /// <summary>A maker of <see cref="DistanceSearch"/>es for one graph, one per thread, the ties' lengths worked out once.</summary>
    public static Func<DistanceSearch> DistanceSearches(WeightedGraph graph)
    {
        var lengths = graph.IsUnweighted ? null : TieLengths.Of(graph);
        return () => new DistanceSearch(graph, lengths);
    }

    /// <summary>
    /// What the weighted passes share, worked out once per graph: each tie's length (1/weight, divided once), whether
    /// settled nodes must be checked, and how the waiting nodes are kept (buckets of <see cref="Width"/>, or a heap when
    /// <see cref="Buckets"/> is 0).
    /// </summary>
    internal sealed record TieLengths(double[] Length, bool CheckSettled, double Width, int Buckets, int MostTies)
    {
        public static TieLengths Of(WeightedGraph graph)
        {
            var length = graph.Weights.Select(w => 1.0 / w).ToArray();
            var (shortest, longest) = (length.DefaultIfEmpty(1).Min(), length.DefaultIfEmpty(1).Max());
            // A settled node u (d(u) ≤ d) can only look like another shortest way to itself through a tie when that
            // tie's length is within the tolerance of the path: len ≤ t/(1 − t) · d, d ≤ (n − 1) · longest tie. Unless
            // some tie is that short, the settled check on every tie is left out (13 % of the pass on CORDIS).
            var checkSettled = shortest <= Tolerance / Keep * Math.Max(1, graph.NodeCount - 1) * longest;
            // Ties of lengths within a factor of MostBuckets / 2 of each other wait in buckets, otherwise in a heap.
            var width = shortest / 2;
            var buckets = Math.Ceiling(longest / width) + 3;
            var mostTies = Enumerable.Range(0, graph.NodeCount).Select(graph.Degree).DefaultIfEmpty(0).Max();
            return new TieLengths(length, checkSettled, width, buckets <= BucketQueue.MostBuckets ? (int)buckets : 0, mostTies);
        }
    }

    /// <summary>One thread's share of the pass: the sources it is given, up to <see cref="Width"/> at a time.</summary>
    internal interface IPass
    {
        /// <summary>How many sources one <see cref="Run"/> takes at most.</summary>
        int Width { get; }

        /// <summary>
        /// Adds the dependencies from these sources to the partial sum, each as many times as it has
        /// <paramref name="copies"/> (itself and its twins); their closeness and harmonic centrality.
        /// </summary>
        void Run(ReadOnlySpan<int> sources, ReadOnlySpan<double> copies, Span<double> closeness, Span<double> harmonic);

        /// <summary>The dependencies summed since the last call; a fresh sum starts.</summary>
        double[] TakePartial();
    }

    /// <summary>Per-thread state for one single-source pass: no allocation per source.</summary>
    internal sealed class Worker : IPass
    {
        private readonly WeightedGraph _graph;
        private readonly double[] _distance;
        private readonly double[] _sigma;
        private readonly double[] _delta;
        private readonly int[] _order;
        private readonly int[] _hops;
        // Unweighted pass: a node's hops from the source beside its σ (later its share of the dependencies), so the
        // tie to it reads one place in memory rather than two (hops −1: not reached); and the successors the forward
        // pass met, each node's together (those of the node at place i of the visiting order from _successorsFrom[i]).
        private readonly Slot[] _slots = [];
        private readonly int[] _successors = [];
        private readonly int[] _successorsFrom = [];
        // Unweighted pass: how many nodes the last search found at each number of hops, up to the farthest.
        private readonly int[] _atHops = [];
        private int _farthest;
        private readonly DistanceHeap? _heap;
        private readonly BucketQueue? _buckets;
        private readonly bool _checkSettled;
        private readonly int[] _found = [];
        // Weighted pass: the ties' lengths (shared by every worker), and per node the predecessors found on the way
        // out — at most its degree, so they sit in a copy of the CSR layout: _predecessors[Offsets[w] .. + _predecessorCount[w]].
        private readonly double[] _length;
        private readonly int[] _predecessors;
        private readonly int[] _predecessorCount;
        private int _reached;
        // How many times the dependencies of the current source count: it and its twins.
        private double _copies = 1;

        public Worker(WeightedGraph graph, TieLengths? lengths)
        {
            _graph = graph;
            var n = graph.NodeCount;
            _distance = new double[n];
            _sigma = new double[n];
            _delta = new double[n];
            // One place more than nodes: the unweighted pass writes every neighbour to the next free place, found or not.
            _order = new int[n + 1];
            _hops = new int[n];
            Partial = new double[n];
            // Unreached: double.MaxValue rather than infinity, so the comparisons of the weighted pass need no special case.
            Array.Fill(_distance, double.MaxValue);
            Array.Fill(_hops, -1);
            if (lengths is null)
            {
                (_length, _predecessors, _predecessorCount) = ([], [], []);
                _slots = new Slot[n];
                Array.Fill(_slots, new Slot(-1, 0));
                // A tie is a successor's from one end at most; the last place takes the write of a tie that was not one.
                _successors = new int[graph.EdgeCount + 1];
                _successorsFrom = new int[n + 1];
                _atHops = new int[n];
            }
            else
            {
                (_length, _checkSettled) = (lengths.Length, lengths.CheckSettled);
                _predecessors = new int[graph.Targets.Length];
                _predecessorCount = new int[n];
                _found = new int[lengths.MostTies];
                if (lengths.Buckets > 0)
                    _buckets = new BucketQueue(lengths.Width, lengths.Buckets);
                else
                    _heap = new DistanceHeap(n);
            }
        }

        public double[] Partial { get; private set; }

        /// <summary>The dependencies summed since the last call; the worker starts a fresh sum.</summary>
        public double[] TakePartial()
        {
            var taken = Partial;
            Partial = new double[taken.Length];
            return taken;
        }

        public int Width => 1;

        public void Run(ReadOnlySpan<int> sources, ReadOnlySpan<double> copies, Span<double> closeness, Span<double> harmonic)
        {
            _copies = copies[0];
            Run(sources[0]);
            (closeness[0], harmonic[0]) = ClosenessAndHarmonic(_graph.NodeCount);
        }

        private void Run(int source)
        {
            Search(source);
            if (_graph.IsUnweighted)
                AccumulateBySuccessors();
            else
                AccumulateByPredecessors();
        }

        /// <summary>The shortest paths from one source (distances, path counts, predecessors), without the dependencies.</summary>
        public void Search(int source)
        {
            if (_graph.IsUnweighted)
            {
                // Unreached again, σ back to 0 for the next search to add to.
                for (var i = 0; i < _reached; i++)
                    _slots[_order[i]] = new Slot(-1, 0);
                Breadth(source);
                return;
            }
            // Reset only what the previous source touched.
            for (var i = 0; i < _reached; i++)
            {
                var v = _order[i];
                (_distance[v], _sigma[v], _delta[v], _hops[v]) = (double.MaxValue, 0, 0, -1);
            }
            Dijkstra(source);
        }

        /// <summary>The last search's distances as a new array, infinity where it did not reach.</summary>
        public double[] Distances()
        {
            var distances = new double[_graph.NodeCount];
            Array.Fill(distances, double.PositiveInfinity);
            for (var i = 0; i < _reached; i++)
            {
                var v = _order[i];
                distances[v] = _graph.IsUnweighted ? _slots[v].Hops : _distance[v];
            }
            return distances;
        }

        private void Breadth(int source)
        {
            // Unchecked reads: every index comes from the graph's own CSR arrays, which the graph checked when built.
            ref var offsets = ref MemoryMarshal.GetArrayDataReference(_graph.Offsets);
            ref var targets = ref MemoryMarshal.GetArrayDataReference(_graph.Targets);
            ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
            ref var order = ref MemoryMarshal.GetArrayDataReference(_order);
            ref var successors = ref MemoryMarshal.GetArrayDataReference(_successors);
            ref var successorsFrom = ref MemoryMarshal.GetArrayDataReference(_successorsFrom);
            Unsafe.Add(ref slots, source) = new Slot(0, 1);
            order = source;
            Array.Clear(_atHops, 0, _farthest + 1);
            ref var atHops = ref MemoryMarshal.GetArrayDataReference(_atHops);
            int head = 0, tail = 1, met = 0;
            while (head < tail)
            {
                Unsafe.Add(ref successorsFrom, head) = met;
                var v = Unsafe.Add(ref order, head++);
                ref readonly var from = ref Unsafe.Add(ref slots, v);
                var next = from.Hops + 1;
                var paths = from.Value;
                Unsafe.Add(ref atHops, from.Hops)++;
                var end = Unsafe.Add(ref offsets, v + 1);
                for (var e = Unsafe.Add(ref offsets, v); e < end; e++)
                {
                    var u = Unsafe.Add(ref targets, e);
                    ref var w = ref Unsafe.Add(ref slots, u);
                    // Found here when unreached (hops −1): given the next hop count and the next place in the visiting
                    // order, all without a branch — one neighbour in ten or so is new, too often to predict.
                    var hops = w.Hops;
                    var found = hops < 0;
                    var isNew = (int)Unsafe.As<bool, byte>(ref found);
                    hops += isNew * (next + 1);
                    w.Hops = hops;
                    Unsafe.Add(ref order, tail) = u;
                    tail += isNew;
                    var successor = hops == next;
                    w.Value += OnlyIf(successor, paths);
                    // Written every time, kept only when a successor (the ties the way back needs): no branch to mispredict.
                    Unsafe.Add(ref successors, met) = u;
                    met += Unsafe.As<bool, byte>(ref successor);
                }
            }
            Unsafe.Add(ref successorsFrom, tail) = met;
            _reached = tail;
            _farthest = Unsafe.Add(ref slots, Unsafe.Add(ref order, tail - 1)).Hops;
        }

        /// <summary>
        /// Breadth-first, pulled rather than pushed: δ(v) = σ(v) · Σ over successors w (one hop further) of (1 + δ(w)) / σ(w).
        /// Nodes are visited farthest first, so every successor's share c(w) = (1 + δ(w)) / σ(w) is known when v needs it;
        /// each node writes only its own values. A node's slot holds σ until its own turn here, c after it: a successor
        /// (one hop further) has always had its turn. The successors are the ones the forward pass noted, so the ties
        /// back and sideways are not looked at again (a fifth off the pass on BA(10,000, m = 5)).
        /// </summary>
        private void AccumulateBySuccessors()
        {
            ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
            ref var order = ref MemoryMarshal.GetArrayDataReference(_order);
            ref var partial = ref MemoryMarshal.GetArrayDataReference(Partial);
            ref var successors = ref MemoryMarshal.GetArrayDataReference(_successors);
            ref var successorsFrom = ref MemoryMarshal.GetArrayDataReference(_successorsFrom);
            for (var i = _reached - 1; i > 0; i--)
            {
                var v = Unsafe.Add(ref order, i);
                ref var own = ref Unsafe.Add(ref slots, v);
                var sum = 0.0;
                var end = Unsafe.Add(ref successorsFrom, i + 1);
                for (var k = Unsafe.Add(ref successorsFrom, i); k < end; k++)
                    sum += Unsafe.Add(ref slots, Unsafe.Add(ref successors, k)).Value;
                var sigma = own.Value;
                var dependency = sigma * sum;
                own.Value = (1 + dependency) / sigma;
                Unsafe.Add(ref partial, v) += dependency * _copies;
            }
        }

        private void Dijkstra(int source)
        {
            if (_buckets is not null)
                Dijkstra(source, new Buckets(_buckets));
            else
                Dijkstra(source, new Heap(_heap!));
        }

        /// <summary>The weighted forward pass; <typeparamref name="TWaiting"/> is a struct so each queue gets its own compiled loop.</summary>
        private void Dijkstra<TWaiting>(int source, TWaiting queue) where TWaiting : struct, IWaiting
        {
            var offsets = _graph.Offsets;
            var targets = _graph.Targets;
            var length = _length;
            var distance = _distance;
            var hops = _hops;
            _distance[source] = 0;
            _sigma[source] = 1;
            _predecessorCount[source] = 0;
            var checkSettled = _checkSettled;
            var found = _found;
            queue.Add(source, 0);
            var settled = 0;
            // _hops marks settled nodes (1) and seen nodes (0) here.
            hops[source] = 0;
            while (queue.Count > 0)
            {
                var v = queue.TakeNearest();
                if (hops[v] == 1)
                    continue; // a bucket's older entry for a node that was found nearer and settled since
                var d = distance[v];
                hops[v] = 1;
                _order[settled++] = v;
                // Two loops over v's ties: the first, tight enough for every value to stay in a register, only notes
                // the ties that lead to w at least as short as w's best so far (2.5 % of the ties on CORDIS); the
                // second acts on those. With the actions in the one loop, their calls forced every value of the loop
                // onto the stack and back for every tie. a·(1 − t) ≤ b holds for "shorter" and "the same" alike.
                var (first, end) = (offsets[v], offsets[v + 1]);
                var noted = 0;
                for (var e = first; e < end; e++)
                {
                    if ((d + length[e]) * Keep <= distance[targets[e]])
                        found[noted++] = e;
                }
                for (var i = 0; i < noted; i++)
                {
                    var e = found[i];
                    var w = targets[e];
                    if (checkSettled && hops[w] == 1)
                        continue;
                    var candidate = d + length[e];
                    // Shorter and Same for positive lengths, unreached nodes at double.MaxValue: a < b(1 − t) is
                    // a < b − t·max(a, b), and, when not shorter, a(1 − t) ≤ b is |a − b| ≤ t·max(a, b).
                    if (candidate < distance[w] * Keep)
                        Shorter(ref queue, v, w, candidate);
                    else
                        AnotherShortest(v, w);
                }
            }
            queue.Clear();
            _reached = settled;
            // Nodes seen but never settled cannot exist with positive weights; seen-only marks are reset with the rest.
        }

        /// <summary>A shorter way to w through v: w's paths are v's, v its one predecessor so far.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private void Shorter<TWaiting>(ref TWaiting queue, int v, int w, double candidate) where TWaiting : struct, IWaiting
        {
            _distance[w] = candidate;
            _sigma[w] = _sigma[v];
            _predecessors[_graph.Offsets[w]] = v;
            _predecessorCount[w] = 1;
            if (_hops[w] < 0)
            {
                _hops[w] = 0;
                queue.Add(w, candidate);
            }
            else
            {
                queue.Nearer(w, candidate);
            }
        }

        /// <summary>Another shortest way to w, through v.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private void AnotherShortest(int v, int w)
        {
            _sigma[w] += _sigma[v];
            _predecessors[_graph.Offsets[w] + _predecessorCount[w]++] = v;
        }

        /// <summary>Weighted: the predecessors the forward pass recorded, the same ones whose paths it counted in σ.</summary>
        private void AccumulateByPredecessors()
        {
            var offsets = _graph.Offsets;
            for (var i = _reached - 1; i > 0; i--)
            {
                var w = _order[i];
                var coefficient = (1 + _delta[w]) / _sigma[w];
                var first = offsets[w];
                for (var p = first; p < first + _predecessorCount[w]; p++)
                {
                    var v = _predecessors[p];
                    _delta[v] += _sigma[v] * coefficient;
                }
                Partial[w] += _delta[w] * _copies;
            }
        }

        /// <summary>
        /// <paramref name="value"/> when <paramref name="condition"/> holds, else 0, without a branch: whether a
        /// neighbour is one hop further is a coin toss the processor cannot predict, and a mispredicted branch per
        /// tie cost more than the arithmetic.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static double OnlyIf(bool condition, double value)
        {
            long keep = -(long)System.Runtime.CompilerServices.Unsafe.As<bool, byte>(ref condition);
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) & keep);
        }

        public (double Closeness, double Harmonic) ClosenessAndHarmonic(int n)
        {
            double total = 0, harmonic = 0;
            if (_graph.IsUnweighted)
            {
                // By the number of hops: as many terms as the farthest node is away, not one per node reached.
                for (var hops = 1; hops <= _farthest; hops++)
                {
                    total += (double)_atHops[hops] * hops;
                    harmonic += _atHops[hops] / (double)hops;
                }
            }
            else
            {
                for (var i = 1; i < _reached; i++)
                {
                    var d = _distance[_order[i]];
                    total += d;
                    harmonic += 1 / d;
                }
            }
            return (Closeness(_reached - 1.0, total, n), harmonic);
        }
    }

    /// <summary>A node's place in the unweighted pass: its hops from the source and σ, or later its share c.</summary>
    private struct Slot(int hops, double value)
    {
        public int Hops = hops;
        public double Value = value;
    }

    /// <summary>The nodes waiting in Dijkstra's pass, taken nearest first.</summary>
    private interface IWaiting
    {
        int Count { get; }

        void Add(int v, double distance);

        /// <summary>v, already waiting, was found nearer.</summary>
        void Nearer(int v, double distance);

        /// <summary>The nearest waiting node (a bucket queue may also return an older entry of a node settled since).</summary>
        int TakeNearest();

        void Clear();
    }

    private readonly struct Heap(DistanceHeap heap) : IWaiting
    {
        public int Count => heap.Count;
        public void Add(int v, double distance) => heap.Add(v, distance);
        public void Nearer(int v, double distance) => heap.Nearer(v, distance);
        public int TakeNearest() => heap.TakeNearest();
        public void Clear() { }
    }

    private readonly struct Buckets(BucketQueue buckets) : IWaiting
    {
        public int Count => buckets.Count;
        public void Add(int v, double distance) => buckets.Add(v, distance);
        public void Nearer(int v, double distance) => buckets.Add(v, distance);
        public int TakeNearest() => buckets.TakeNearest();
        public void Clear() => buckets.Clear();
    }

    /// <summary>
    /// Dial's buckets for real lengths (Dial 1969; the bucket width as in Δ-stepping, Meyer and Sanders 2003): bucket k
    /// holds the nodes at distance [k·w, (k + 1)·w) with w half the shortest tie. A tie leads at least two buckets on, so
    /// nodes in one bucket are never on each other's shortest paths: when the pass reaches a bucket, its nodes' distances
    /// are final and they can be settled in any order, each in O(1) — no heap. A node found nearer is added again to its
    /// nearer bucket; the older entry is skipped when reached. The buckets are used round: only
    /// (longest tie / w) + 3 are ever occupied at once.
    /// </summary>
    private sealed class BucketQueue
    {
        /// <summary>The most buckets kept (before rounding up to a power of two): ties up to about 2,000 times longer than the shortest.</summary>
        public const int MostBuckets = 4096;

        private readonly double _perBucket;
        private readonly int _mask;
        private readonly int[][] _items;
        private readonly int[] _counts;
        private int _current;
        private int _read;

        public BucketQueue(double width, int buckets)
        {
            _perBucket = 1 / width;
            // A power of two, so the round index is a mask rather than a division (a division per shorter way found
            // cost a sixth of the pass).
            buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)buckets);
            _mask = buckets - 1;
            _items = new int[buckets][];
            for (var b = 0; b < buckets; b++)
                _items[b] = new int[4];
            _counts = new int[buckets];
        }

        public int Count { get; private set; }

        public void Add(int v, double distance)
        {
            var b = (int)((long)(distance * _perBucket) & _mask);
            if (_counts[b] == _items[b].Length)
                Array.Resize(ref _items[b], 2 * _items[b].Length);
            _items[b][_counts[b]++] = v;
            Count++;
        }

        public int TakeNearest()
        {
            while (_read == _counts[_current])
            {
                (_counts[_current], _read) = (0, 0);
                _current = (_current + 1) & _mask;
            }
            Count--;
            return _items[_current][_read++];
        }

        /// <summary>After a pass: empty, starting again at distance 0.</summary>
        public void Clear()
        {
            Array.Clear(_counts);
            (_current, _read, Count) = (0, 0, 0);
        }
    }

    /// <summary>
    /// The nodes waiting in Dijkstra's pass, nearest first: a binary heap of (distance, node), each node at most once
    /// (a shorter distance moves it up where it is instead of adding it again), the keys beside the nodes so a
    /// comparison reads no other array. (.NET's PriorityQueue, which adds a node again for each shorter distance, took
    /// 12 % longer on CORDIS; a four-way heap 6 % longer than this.)
    /// </summary>
    internal sealed class DistanceHeap(int capacity)
    {
        private readonly double[] _key = new double[capacity];
        private readonly int[] _node = new int[capacity];
        private readonly int[] _position = new int[capacity];

        public int Count { get; private set; }

        /// <summary>The distance of the nearest waiting node (the heap must not be empty).</summary>
        public double NearestDistance => _key[0];

        public void Clear() => Count = 0;

        public void Add(int v, double distance) => Up(Count++, v, distance);

        /// <summary>v's distance just got shorter.</summary>
        public void Nearer(int v, double distance) => Up(_position[v], v, distance);

        public int TakeNearest()
        {
            var nearest = _node[0];
            if (--Count > 0)
                Down(_node[Count], _key[Count]);
            return nearest;
        }

        private void Up(int i, int v, double key)
        {
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_key[parent] <= key)
                    break;
                Place(i, _node[parent], _key[parent]);
                i = parent;
            }
            Place(i, v, key);
        }

        private void Down(int v, double key)
        {
            var i = 0;
            var count = Count;
            while (true)
            {
                var first = 2 * i + 1;
                if (first >= count)
                    break;
                var best = first;
                var bestKey = _key[first];
                if (first + 1 < count && _key[first + 1] < bestKey)
                    (best, bestKey) = (first + 1, _key[first + 1]);
                if (key <= bestKey)
                    break;
                Place(i, _node[best], bestKey);
                i = best;
            }
            Place(i, v, key);
        }

        private void Place(int i, int v, double key)
        {
            _node[i] = v;
            _key[i] = key;
            _position[v] = i;
        }
    }
}
