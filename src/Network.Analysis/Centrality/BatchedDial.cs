using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Network.Analysis.Graphs;

namespace Network.Analysis.Centrality;

/// <summary>
/// The weighted Brandes pass for <see cref="BatchedPass.Lanes"/> sources at once, for graphs whose tie strengths
/// are small whole numbers: then every length 1/w is a whole number of a common unit (1/12 for strengths 1 to 4), path
/// lengths are counted exactly in that unit, and the searches advance together one unit at a time (Dial's buckets,
/// 1969) as <see cref="BatchedBreadth"/>'s advance one hop at a time. A node is visited once for each distinct distance
/// it lies from the batch's sources; a visit works every lane in which the node is that far. Paths of equal length
/// are equal exactly, where the one-source pass compares sums of fractions within <see cref="ShortestPaths.Tolerance"/>:
/// the same paths are counted. The synthetic ecosystems' organisation networks (strengths 1 to 4, almost all 1) take
/// this pass in exact runs: every source of the 10,000-member one (10,504 organisations) in 2.4 s against 3.4 s one
/// source at a time; so would a survey's ties rated 1 to 5. Not thread-safe: one per thread.
/// </summary>
internal sealed class BatchedDial : BatchedPass
{
    /// <summary>The largest length in units: a node waits in at most this many buckets ahead, each one bit of a ulong.</summary>
    private const int LongestTie = 63;

    private const int Unreached = int.MaxValue;

    private readonly WeightedGraph _graph;
    private readonly int[] _length;
    private readonly int _unit;
    // Per node: its distance (in units) from each lane's source, σ (after its turn on the way back, c = (1 + δ) / σ),
    // and the buckets ahead it waits in, bit t mod 64 for the bucket of distance t.
    private readonly Vector256<int>[] _distance;
    private readonly Vector512<double>[] _value;
    private readonly ulong[] _waiting;
    private readonly List<int>[] _buckets = Enumerable.Range(0, 64).Select(_ => new List<int>()).ToArray();
    // The visits in the order made (distance by distance) and each one's distance; the ties each found that led to a
    // node at least as near as known in one of its lanes, as tie indices: visit i's from _successorsFrom[i].
    private int[] _visits;
    private int[] _visitDistance;
    private int[] _successors;
    private int[] _successorsFrom;
    private int _visited;
    // Per lane: nodes reached (the source included), the sum of distances and of their inverses, in units.
    private Vector512<double> _reached, _total, _inverse;

    private BatchedDial(WeightedGraph graph, int[] length, int unit)
        : base(graph.NodeCount)
    {
        _graph = graph;
        (_length, _unit) = (length, unit);
        var n = graph.NodeCount;
        _distance = new Vector256<int>[n];
        Array.Fill(_distance, Vector256.Create(Unreached));
        _value = new Vector512<double>[n];
        _waiting = new ulong[n];
        _visits = new int[n + 1];
        _visitDistance = new int[n + 1];
        _successorsFrom = new int[n + 2];
        _successors = new int[graph.Targets.Length + 1];
    }

    /// <summary>
    /// A maker of passes for this graph when its strengths are whole numbers whose least common multiple S is at most
    /// <see cref="LongestTie"/> (a tie of strength w is S / w units long); otherwise null.
    /// </summary>
    public static Func<BatchedDial>? For(WeightedGraph graph)
    {
        var unit = 1L;
        foreach (var w in graph.Weights.Distinct())
        {
            if (w < 1 || w != Math.Floor(w) || w > LongestTie)
                return null;
            unit = unit / Gcd(unit, (long)w) * (long)w;
            if (unit > LongestTie)
                return null;
        }
        var length = graph.Weights.Select(w => (int)(unit / (long)w)).ToArray();
        return () => new BatchedDial(graph, length, (int)unit);

        static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
    }

    public override void Run(ReadOnlySpan<int> sources, ReadOnlySpan<double> copies, Span<double> closeness, Span<double> harmonic)
    {
        Forward(sources);
        Back(PerLane(copies));
        var n = _graph.NodeCount;
        for (var lane = 0; lane < sources.Length; lane++)
        {
            // Distances in units: Σd = total / unit, Σ1/d = inverse · unit.
            var (r, total) = (_reached[lane] - 1, _total[lane] / _unit);
            closeness[lane] = ShortestPaths.Closeness(r, total, n);
            harmonic[lane] = _inverse[lane] * _unit;
        }
        for (var i = 0; i < _visited; i++)
        {
            var v = _visits[i];
            _distance[v] = Vector256.Create(Unreached);
            _value[v] = Vector512<double>.Zero;
        }
    }

    private void Forward(ReadOnlySpan<int> sources)
    {
        for (var lane = 0; lane < sources.Length; lane++)
        {
            var s = sources[lane];
            _distance[s] = _distance[s].WithElement(lane, 0);
            _value[s] = _value[s].WithElement(lane, 1.0);
            if ((_waiting[s] & 1) == 0)
            {
                _waiting[s] |= 1;
                _buckets[0].Add(s);
            }
        }
        (_reached, _total, _inverse) = (Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero);
        var waiting = sources.Length;
        var visited = 0;
        var met = 0;
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(_graph.Offsets);
        ref var targets = ref MemoryMarshal.GetArrayDataReference(_graph.Targets);
        ref var lengths = ref MemoryMarshal.GetArrayDataReference(_length);
        ref var distances = ref MemoryMarshal.GetArrayDataReference(_distance);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_value);
        for (var t = 0; waiting > 0; t++)
        {
            var bucket = _buckets[t & 63];
            if (bucket.Count == 0)
                continue;
            var here = Vector256.Create(t);
            var bit = 1UL << (t & 63);
            var (one, far, near) = (Vector512.Create(1.0), Vector512.Create((double)t), Vector512.Create(t == 0 ? 0 : 1.0 / t));
            // Nothing is added to this bucket while it is worked: every tie is at least one unit long.
            foreach (var v in CollectionsMarshal.AsSpan(bucket))
            {
                waiting--;
                _waiting[v] &= ~bit;
                var lanes = Vector256.Equals(Unsafe.Add(ref distances, v), here);
                if (lanes == Vector256<int>.Zero)
                    continue; // waited here for a distance that a shorter way has since replaced in every lane
                var wide = Wide(lanes);
                (_reached, _total, _inverse) = (_reached + (one & wide), _total + (far & wide), _inverse + (near & wide));
                var (first, end) = (Unsafe.Add(ref offsets, v), Unsafe.Add(ref offsets, v + 1));
                Room(visited + 1, met + end - first);
                ref var successors = ref MemoryMarshal.GetArrayDataReference(_successors);
                (_visits[visited], _visitDistance[visited], _successorsFrom[visited]) = (v, t, met);
                visited++;
                var paths = Unsafe.Add(ref values, v) & wide;
                for (var e = first; e < end; e++)
                {
                    var u = Unsafe.Add(ref targets, e);
                    var length = Unsafe.Add(ref lengths, e);
                    var candidate = Vector256.Create(t + length);
                    ref var distance = ref Unsafe.Add(ref distances, u);
                    var before = distance;
                    var shorter = Vector256.LessThan(candidate, before) & lanes;
                    var same = Vector256.Equals(candidate, before) & lanes;
                    distance = Vector256.ConditionalSelect(shorter, candidate, before);
                    ref var value = ref Unsafe.Add(ref values, u);
                    // Shorter: u's paths in that lane are v's; as short: v's are added to them.
                    value = Vector512.ConditionalSelect(Wide(shorter), paths, value + (paths & Wide(same)));
                    var found = (shorter | same) != Vector256<int>.Zero;
                    Unsafe.Add(ref successors, met) = e;
                    met += Unsafe.As<bool, byte>(ref found);
                    if (shorter != Vector256<int>.Zero)
                    {
                        var slot = 1UL << ((t + length) & 63);
                        if ((_waiting[u] & slot) == 0)
                        {
                            _waiting[u] |= slot;
                            _buckets[(t + length) & 63].Add(u);
                            waiting++;
                        }
                    }
                }
            }
            bucket.Clear();
        }
        _successorsFrom[visited] = met;
        _visited = visited;
    }

    /// <summary>Makes room for this many visits and successors, doubling what is short.</summary>
    private void Room(int visits, int successors)
    {
        if (visits >= _visits.Length)
        {
            Array.Resize(ref _visits, _visits.Length * 2);
            Array.Resize(ref _visitDistance, _visits.Length);
            Array.Resize(ref _successorsFrom, _visits.Length + 1);
        }
        if (successors >= _successors.Length)
            Array.Resize(ref _successors, Math.Max(successors + 1, _successors.Length * 2));
    }

    /// <param name="copies">Per lane, how many times its source's dependencies count (itself and its twins; 0 in no lane).</param>
    private void Back(Vector512<double> copies)
    {
        ref var targets = ref MemoryMarshal.GetArrayDataReference(_graph.Targets);
        ref var lengths = ref MemoryMarshal.GetArrayDataReference(_length);
        ref var distances = ref MemoryMarshal.GetArrayDataReference(_distance);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_value);
        ref var successors = ref MemoryMarshal.GetArrayDataReference(_successors);
        // The sources' own visits (distance 0) come first and are left out: their own dependencies do not count.
        for (var i = _visited - 1; i >= 0 && _visitDistance[i] > 0; i--)
        {
            var (v, t) = (_visits[i], _visitDistance[i]);
            var sum = Vector512<double>.Zero;
            for (var k = _successorsFrom[i]; k < _successorsFrom[i + 1]; k++)
            {
                var e = Unsafe.Add(ref successors, k);
                var w = Unsafe.Add(ref targets, e);
                // In the lanes where w is one tie further along a shortest path (its distance has not improved since).
                var further = Vector256.Equals(Unsafe.Add(ref distances, w), Vector256.Create(t + Unsafe.Add(ref lengths, e)));
                sum += Unsafe.Add(ref values, w) & Wide(further);
            }
            Settle(v, ref Unsafe.Add(ref values, v), Wide(Vector256.Equals(Unsafe.Add(ref distances, v), Vector256.Create(t))), sum, copies);
        }
    }
}
