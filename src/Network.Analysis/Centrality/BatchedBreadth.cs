using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Network.Analysis.Graphs;

namespace Network.Analysis.Centrality;

/// <summary>
/// The unweighted Brandes pass for <see cref="Lanes"/> sources at once, one lane of a vector per source (the idea of
/// multi-source breadth-first search, Then et al. 2014, "The More the Merrier", carried over to path counts and
/// dependencies). The searches advance together one hop at a time; a node is visited once for each distinct number of
/// hops it lies from the batch's sources, not once per source, and every visit works all lanes in which it is that far.
/// Sources next to each other in the breadth-first numbering are mostly about as far from any node: eight of them on
/// BA(10,000, m = 5) lie at 1.7 distinct distances from a node on average, so a tie is looked at about a fifth as often.
/// Per lane the arithmetic is the scalar pass's: σ summed over the predecessors on the way out, δ(v) = σ(v) · Σ over
/// successors w of (1 + δ(w)) / σ(w) on the way back. Not thread-safe: one per thread.
/// </summary>
internal sealed class BatchedBreadth : BatchedPass
{
    /// <summary>Hop count of a node a lane's search has not reached.</summary>
    private const int Unreached = int.MaxValue;

    private readonly WeightedGraph _graph;
    // Per node: its hops from each lane's source, and σ (after its turn on the way back, its share c = (1 + δ) / σ).
    private readonly Vector256<int>[] _hops;
    private readonly Vector512<double>[] _value;
    // The visits, level by level: those at hops h are _visits[_levelFrom[h] .. _levelFrom[h + 1]]. One place more
    // than can be filled: every neighbour is written to the next free place, kept only when newly at the next level.
    private readonly int[] _visits;
    private readonly int[] _levelFrom;
    // The ties each visit found leading one hop further in one of its lanes: visit i's from _successorsFrom[i].
    private readonly int[] _successors;
    private readonly int[] _successorsFrom;
    // How many nodes each lane found at each number of hops.
    private readonly Vector256<int>[] _atHops;
    private int _visited;
    private int _levels;

    public BatchedBreadth(WeightedGraph graph)
        : base(graph.NodeCount)
    {
        _graph = graph;
        var n = graph.NodeCount;
        _hops = new Vector256<int>[n];
        Array.Fill(_hops, Vector256.Create(Unreached));
        _value = new Vector512<double>[n];
        _visits = new int[(long)Lanes * n + 1 > Array.MaxLength ? Array.MaxLength : Lanes * n + 1];
        _levelFrom = new int[n + 2];
        _successors = new int[Lanes * (long)graph.Targets.Length + 1 > Array.MaxLength ? Array.MaxLength : Lanes * graph.Targets.Length + 1];
        _successorsFrom = new int[_visits.Length + 1];
        _atHops = new Vector256<int>[n + 1];
    }

    /// <summary>Whether a graph of this size fits the batch's arrays.</summary>
    public static bool Fits(WeightedGraph graph) => (long)Lanes * graph.Targets.Length + 1 < Array.MaxLength;

    public override void Run(ReadOnlySpan<int> sources, ReadOnlySpan<double> copies, Span<double> closeness, Span<double> harmonic)
    {
        Forward(sources);
        Back(PerLane(copies));
        ClosenessAndHarmonic(sources.Length, closeness, harmonic);
        // Unreached again, σ back to 0, for the next batch.
        for (var i = 0; i < _visited; i++)
        {
            var v = _visits[i];
            _hops[v] = Vector256.Create(Unreached);
            _value[v] = Vector512<double>.Zero;
        }
    }

    private void Forward(ReadOnlySpan<int> sources)
    {
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(_graph.Offsets);
        ref var targets = ref MemoryMarshal.GetArrayDataReference(_graph.Targets);
        ref var hopsOf = ref MemoryMarshal.GetArrayDataReference(_hops);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_value);
        ref var visits = ref MemoryMarshal.GetArrayDataReference(_visits);
        ref var successors = ref MemoryMarshal.GetArrayDataReference(_successors);
        ref var successorsFrom = ref MemoryMarshal.GetArrayDataReference(_successorsFrom);
        var tail = 0;
        for (var lane = 0; lane < sources.Length; lane++)
        {
            var s = sources[lane];
            _hops[s] = _hops[s].WithElement(lane, 0);
            _value[s] = _value[s].WithElement(lane, 1.0);
            _visits[tail++] = s;
        }
        int head = 0, met = 0, level = 0;
        _levelFrom[0] = 0;
        while (head < tail)
        {
            var end = tail;
            _levelFrom[level + 1] = end;
            var here = Vector256.Create(level);
            var next = Vector256.Create(level + 1);
            var unreached = Vector256.Create(Unreached);
            var found = Vector256<int>.Zero;
            for (; head < end; head++)
            {
                Unsafe.Add(ref successorsFrom, head) = met;
                var v = Unsafe.Add(ref visits, head);
                var lanes = Vector256.Equals(Unsafe.Add(ref hopsOf, v), here);
                found -= lanes; // lanes at this level: counted once each, as −1
                var paths = Unsafe.Add(ref values, v) & Wide(lanes);
                var last = Unsafe.Add(ref offsets, v + 1);
                for (var e = Unsafe.Add(ref offsets, v); e < last; e++)
                {
                    var u = Unsafe.Add(ref targets, e);
                    ref var hops = ref Unsafe.Add(ref hopsOf, u);
                    var before = hops;
                    var isNew = Vector256.Equals(before, unreached) & lanes;
                    var after = Vector256.ConditionalSelect(isNew, next, before);
                    hops = after;
                    var atNext = Vector256.Equals(after, next);
                    // paths is 0 in the lanes v is not at this level, so every lane u is one hop further in may add it.
                    Unsafe.Add(ref values, u) += paths & Wide(atNext);
                    // A new visit when u is newly at the next level in some lane and was not there in any before.
                    var added = (isNew.ExtractMostSignificantBits() != 0) & (Vector256.Equals(before, next).ExtractMostSignificantBits() == 0);
                    Unsafe.Add(ref visits, tail) = u;
                    tail += Unsafe.As<bool, byte>(ref added);
                    var successor = (atNext & lanes).ExtractMostSignificantBits() != 0;
                    Unsafe.Add(ref successors, met) = u;
                    met += Unsafe.As<bool, byte>(ref successor);
                }
            }
            _atHops[level] = found;
            level++;
        }
        Unsafe.Add(ref successorsFrom, tail) = met;
        _visited = tail;
        _levels = level;
    }

    /// <param name="copies">Per lane, how many times its source's dependencies count (itself and its twins; 0 in no lane).</param>
    private void Back(Vector512<double> copies)
    {
        ref var hopsOf = ref MemoryMarshal.GetArrayDataReference(_hops);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_value);
        ref var visits = ref MemoryMarshal.GetArrayDataReference(_visits);
        ref var successors = ref MemoryMarshal.GetArrayDataReference(_successors);
        ref var successorsFrom = ref MemoryMarshal.GetArrayDataReference(_successorsFrom);
        // Level 0 holds the sources, whose own dependencies are not counted.
        for (var level = _levels - 1; level > 0; level--)
        {
            var here = Vector256.Create(level);
            var next = Vector256.Create(level + 1);
            for (var i = _levelFrom[level + 1] - 1; i >= _levelFrom[level]; i--)
            {
                var v = Unsafe.Add(ref visits, i);
                var sum = Vector512<double>.Zero;
                var end = Unsafe.Add(ref successorsFrom, i + 1);
                for (var k = Unsafe.Add(ref successorsFrom, i); k < end; k++)
                {
                    var w = Unsafe.Add(ref successors, k);
                    sum += Unsafe.Add(ref values, w) & Wide(Vector256.Equals(Unsafe.Add(ref hopsOf, w), next));
                }
                Settle(v, ref Unsafe.Add(ref values, v), Wide(Vector256.Equals(Unsafe.Add(ref hopsOf, v), here)), sum, copies);
            }
        }
    }

    private void ClosenessAndHarmonic(int count, Span<double> closeness, Span<double> harmonic)
    {
        var n = _graph.NodeCount;
        for (var lane = 0; lane < count; lane++)
        {
            double total = 0, sum = 0;
            var reached = 0;
            for (var level = 0; level < _levels; level++)
            {
                var at = _atHops[level][lane];
                reached += at;
                if (level > 0)
                {
                    total += (double)at * level;
                    sum += at / (double)level;
                }
            }
            var r = reached - 1.0;
            closeness[lane] = ShortestPaths.Closeness(r, total, n);
            harmonic[lane] = sum;
        }
    }
}
