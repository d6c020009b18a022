using Network.Analysis.Graphs;

namespace Network.Analysis.Layout;

/// <summary>Node positions, in units of the natural tie length.</summary>
public sealed record Positions(double[] X, double[] Y);

/// <summary>What the layout may know besides the ties: groups to keep apart, positions that must not move.</summary>
public sealed record LayoutOptions
{
    public int Seed { get; init; } = 42;

    /// <summary>A group per node (e.g. its Leiden community): ties inside a group pull twice as hard, ties across at 0.3, so communities stand apart.</summary>
    public int[]? Groups { get; init; }

    /// <summary>Nodes whose positions are fixed (pinned by a person); they stay exactly where they are.</summary>
    public IReadOnlyDictionary<int, (double X, double Y)>? Pinned { get; init; }

    /// <summary>Exponent of the repulsion, F ∝ K^(1+p) / d^p (Hu 2005). 1, the classic spring–electrical force, gave shorter ties relative to the spread than 2 on CORDIS and the synthetic networks (bench-layout).</summary>
    public double RepulsionExponent { get; init; } = 1.0;
}

/// <summary>
/// Multilevel spring–electrical layout after Yifan Hu, "Efficient, high-quality force-directed graph drawing",
/// Mathematica Journal 10(1), 2005: the graph is coarsened by heavy-edge matching (and folding the unmatched into a
/// neighbour) until a few dozen nodes remain; the coarsest graph is laid out from seeded random positions, and every finer
/// level starts from its parent's position and is refined. Forces: attraction d²/K along a tie (scaled by the tie's
/// weight, and by the groups), repulsion C·K^(1+p)·mᵤmᵥ/d^p between every pair, approximated by a Barnes–Hut quadtree
/// (Barnes &amp; Hut 1986, opening angle θ = 1.2 as Hu uses), O(n log n + m) per iteration; masses (how many nodes a
/// coarse node stands for) keep the scale the same across levels. Steps follow Hu's adaptive cooling. A weak pull to the
/// centre keeps separate components in view; a last pass removes overlaps. Deterministic for a seed: forces are computed
/// per node from the same tree, so the split over cores does not change a digit. Coordinates are in units of the natural
/// tie length K = 1.
/// </summary>
public static class MultilevelLayout
{
    private const double C = 0.2, K = 1.0, Gravity = 0.02, Cooling = 0.9, MinimumGap = 0.25;
    private const int CoarsestSize = 40, MaxLevels = 30;

    public static Positions Compute(WeightedGraph graph, LayoutOptions? options = null)
    {
        options ??= new LayoutOptions();
        var n = graph.NodeCount;
        if (n == 0)
            return new Positions([], []);
        var components = Components(graph);
        if (components.Count > 1)
            return Pack(graph, components, options);
        return ComputeConnected(graph, options);
    }

    /// <summary>
    /// Several components: each is laid out on its own and the drawings are packed in rows, largest first, nodes without
    /// ties in a grid at the end, so no component drifts off or squeezes the others into a corner.
    /// </summary>
    private static Positions Pack(WeightedGraph graph, List<List<int>> components, LayoutOptions options)
    {
        var n = graph.NodeCount;
        var (x, y) = (new double[n], new double[n]);
        var boxes = new List<(List<int> Nodes, double[] X, double[] Y, double Width, double Height)>();
        var isolated = new List<int>();
        foreach (var component in components)
        {
            if (component.Count == 1)
            {
                isolated.Add(component[0]);
                continue;
            }
            var local = component.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            var edges = new List<(int, int, double)>();
            foreach (var u in component)
            {
                var neighbours = graph.Neighbours(u);
                var weights = graph.NeighbourWeights(u);
                for (var i = 0; i < neighbours.Length; i++)
                    if (u < neighbours[i])
                        edges.Add((local[u], local[neighbours[i]], weights[i]));
            }
            var sub = WeightedGraph.Create(component.Select(v => graph.Ids[v]).ToList(), edges);
            var groups = options.Groups is { } g ? component.Select(v => g[v]).ToArray() : null;
            var p = ComputeConnected(sub, options with { Groups = groups, Pinned = null });
            var (minX, minY) = (p.X.Min(), p.Y.Min());
            boxes.Add((component, p.X.Select(v => v - minX).ToArray(), p.Y.Select(v => v - minY).ToArray(), p.X.Max() - minX, p.Y.Max() - minY));
        }
        if (isolated.Count > 0)
        {
            var columns = (int)Math.Ceiling(Math.Sqrt(isolated.Count));
            var step = 1.5 * K;
            boxes.Add((isolated, isolated.Select((_, i) => i % columns * step).ToArray(), isolated.Select((_, i) => i / columns * step).ToArray(),
                (columns - 1) * step, (isolated.Count - 1) / columns * step));
        }
        // Shelf packing: rows about as wide as the largest drawing (or the square root of the total area).
        var gap = 3 * K;
        var rowWidth = Math.Max(boxes.Max(b => b.Width), Math.Sqrt(boxes.Sum(b => (b.Width + gap) * (b.Height + gap))));
        var (cursorX, cursorY, rowHeight) = (0.0, 0.0, 0.0);
        foreach (var box in boxes)
        {
            if (cursorX > 0 && cursorX + box.Width > rowWidth)
                (cursorX, cursorY, rowHeight) = (0, cursorY + rowHeight + gap, 0);
            for (var i = 0; i < box.Nodes.Count; i++)
                (x[box.Nodes[i]], y[box.Nodes[i]]) = (cursorX + box.X[i], cursorY + box.Y[i]);
            cursorX += box.Width + gap;
            rowHeight = Math.Max(rowHeight, box.Height);
        }
        var fixedNodes = Pin(options.Pinned, x, y, n);
        if (fixedNodes is not null)
            RemoveOverlaps(x, y, fixedNodes);
        return new Positions(x, y);
    }

    private static List<List<int>> Components(WeightedGraph graph)
    {
        var n = graph.NodeCount;
        var seen = new bool[n];
        var components = new List<List<int>>();
        var queue = new Queue<int>();
        for (var s = 0; s < n; s++)
        {
            if (seen[s])
                continue;
            var component = new List<int>();
            seen[s] = true;
            queue.Enqueue(s);
            while (queue.TryDequeue(out var u))
            {
                component.Add(u);
                foreach (var v in graph.Neighbours(u))
                {
                    if (seen[v])
                        continue;
                    seen[v] = true;
                    queue.Enqueue(v);
                }
            }
            component.Sort();
            components.Add(component);
        }
        return components.OrderByDescending(c => c.Count).ThenBy(c => c[0]).ToList();
    }

    private static Positions ComputeConnected(WeightedGraph graph, LayoutOptions options)
    {
        var n = graph.NodeCount;
        var random = new Random(options.Seed);
        var levels = Coarsen(Level.Of(graph, options.Groups));
        var coarsest = levels[^1];
        var x = new double[coarsest.Count];
        var y = new double[coarsest.Count];
        var spread = Math.Sqrt(n) * K;
        for (var v = 0; v < coarsest.Count; v++)
            (x[v], y[v]) = ((random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread);
        Refine(coarsest, x, y, null, iterations: 400, step: spread / 10, options.RepulsionExponent);

        for (var l = levels.Count - 2; l >= 0; l--)
        {
            var fine = levels[l];
            var parent = levels[l + 1].ParentOfFine!;
            var (fx, fy) = (new double[fine.Count], new double[fine.Count]);
            for (var v = 0; v < fine.Count; v++)
            {
                var p = parent[v];
                (fx[v], fy[v]) = (x[p] + (random.NextDouble() - 0.5) * 0.2 * K, y[p] + (random.NextDouble() - 0.5) * 0.2 * K);
            }
            (x, y) = (fx, fy);
            var fixedNodes = l == 0 ? Pin(options.Pinned, x, y, n) : null;
            Refine(fine, x, y, fixedNodes, iterations: l == 0 ? 120 : 80, step: 2 * K, options.RepulsionExponent);
        }
        if (levels.Count == 1 && options.Pinned is { Count: > 0 })
            Refine(levels[0], x, y, Pin(options.Pinned, x, y, n), iterations: 120, step: 2 * K, options.RepulsionExponent);
        RemoveOverlaps(x, y, Pin(options.Pinned, x, y, n));
        return new Positions(x, y);
    }

    /// <summary>
    /// Continues from earlier positions after an edit: nodes with a NaN start are new and placed beside their placed
    /// neighbours; only <paramref name="movable"/> nodes (the new ones and those whose ties changed) move, everything else
    /// stays exactly where it was.
    /// </summary>
    public static Positions Continue(WeightedGraph graph, Positions start, IReadOnlySet<int> movable, LayoutOptions? options = null)
    {
        options ??= new LayoutOptions();
        var n = graph.NodeCount;
        var (x, y) = ((double[])start.X.Clone(), (double[])start.Y.Clone());
        var random = new Random(options.Seed);
        var placed = Enumerable.Range(0, n).Where(v => !double.IsNaN(x[v])).ToList();
        // A new organisation with no placed partner goes just right of the drawing, at its middle height.
        var (right, middle) = placed.Count == 0 ? (0.0, 0.0) : (placed.Max(v => x[v]) + 3 * K, placed.Average(v => y[v]));
        for (var v = 0; v < n; v++)
        {
            if (!double.IsNaN(x[v]))
                continue;
            var (sx, sy, count) = (0.0, 0.0, 0);
            foreach (var u in graph.Neighbours(v))
            {
                if (double.IsNaN(start.X[u]))
                    continue;
                (sx, sy, count) = (sx + start.X[u], sy + start.Y[u], count + 1);
            }
            (x[v], y[v]) = count > 0 ? (sx / count, sy / count) : (right, middle);
            x[v] += (random.NextDouble() - 0.5) * K;
            y[v] += (random.NextDouble() - 0.5) * K;
        }
        var fixedNodes = new bool[n];
        // A node without ties feels only repulsion: it would drift away, so it stays where it was put.
        for (var v = 0; v < n; v++)
            fixedNodes[v] = !movable.Contains(v) || graph.Degree(v) == 0;
        foreach (var (v, p) in options.Pinned ?? new Dictionary<int, (double, double)>())
            (x[v], y[v], fixedNodes[v]) = (p.X, p.Y, true);
        if (fixedNodes.Any(f => !f))
        {
            Refine(Level.Of(graph, options.Groups), x, y, fixedNodes, iterations: 100, step: K, options.RepulsionExponent);
            RemoveOverlaps(x, y, fixedNodes);
        }
        return new Positions(x, y);
    }

    /// <summary>
    /// How compact the drawing is: the median length of a tie divided by the median distance between random pairs of
    /// nodes (lower is better: ties short, the whole spread out). <paramref name="pairs"/> random pairs, seeded.
    /// </summary>
    public static double TieLengthRatio(WeightedGraph graph, Positions positions, int pairs = 20_000, int seed = 1)
    {
        var ties = new List<double>();
        for (var u = 0; u < graph.NodeCount; u++)
            foreach (var v in graph.Neighbours(u))
                if (u < v)
                    ties.Add(Distance(positions, u, v));
        var random = new Random(seed);
        var random_ = new List<double>(pairs);
        for (var i = 0; i < pairs && graph.NodeCount > 1; i++)
        {
            var (u, v) = (random.Next(graph.NodeCount), random.Next(graph.NodeCount));
            if (u != v)
                random_.Add(Distance(positions, u, v));
        }
        return ties.Count == 0 || random_.Count == 0 ? double.NaN : Median(ties) / Median(random_);
    }

    private static double Distance(Positions p, int u, int v) => Math.Sqrt(Square(p.X[u] - p.X[v]) + Square(p.Y[u] - p.Y[v]));

    private static double Square(double a) => a * a;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static bool[]? Pin(IReadOnlyDictionary<int, (double X, double Y)>? pinned, double[] x, double[] y, int n)
    {
        if (pinned is not { Count: > 0 })
            return null;
        var fixedNodes = new bool[n];
        foreach (var (v, p) in pinned)
            (x[v], y[v], fixedNodes[v]) = (p.X, p.Y, true);
        return fixedNodes;
    }

    /// <summary>One level of the hierarchy: a weighted graph in CSR form with node masses and, for the ties, pull factors.</summary>
    private sealed class Level
    {
        public required int[] Offsets { get; init; }
        public required int[] Targets { get; init; }
        public required double[] Pull { get; init; }
        public required double[] Mass { get; init; }
        public int[]? Groups { get; init; }

        /// <summary>For a coarse level: the coarse node of every node of the level below.</summary>
        public int[]? ParentOfFine { get; init; }

        public int Count => Mass.Length;

        public static Level Of(WeightedGraph graph, int[]? groups)
        {
            var n = graph.NodeCount;
            var offsets = new int[n + 1];
            var targets = new List<int>();
            var pull = new List<double>();
            for (var u = 0; u < n; u++)
            {
                var neighbours = graph.Neighbours(u);
                var weights = graph.NeighbourWeights(u);
                for (var i = 0; i < neighbours.Length; i++)
                {
                    if (neighbours[i] == u)
                        continue;
                    targets.Add(neighbours[i]);
                    // Heavy ties pull harder, but slowly (a pair with 40 shared projects is not 40 times as close).
                    var factor = 1 + Math.Log(Math.Max(1, weights[i]));
                    if (groups is not null)
                        factor *= groups[u] == groups[neighbours[i]] ? 2.0 : 0.3;
                    pull.Add(factor);
                }
                offsets[u + 1] = targets.Count;
            }
            return new Level { Offsets = offsets, Targets = [.. targets], Pull = [.. pull], Mass = Enumerable.Repeat(1.0, n).ToArray(), Groups = groups };
        }
    }

    /// <summary>Heavy-edge matching, then every unmatched node joins its heaviest neighbour's pair; until small or stuck.</summary>
    private static List<Level> Coarsen(Level finest)
    {
        var levels = new List<Level> { finest };
        while (levels.Count < MaxLevels && levels[^1].Count > CoarsestSize)
        {
            var fine = levels[^1];
            var n = fine.Count;
            var parent = new int[n];
            Array.Fill(parent, -1);
            var next = 0;
            // Light nodes first, so hubs are not matched away before their leaves.
            var order = Enumerable.Range(0, n).OrderBy(v => fine.Offsets[v + 1] - fine.Offsets[v]).ThenBy(v => v).ToArray();
            foreach (var u in order)
            {
                if (parent[u] >= 0)
                    continue;
                var (best, bestScore) = (-1, double.NegativeInfinity);
                for (var i = fine.Offsets[u]; i < fine.Offsets[u + 1]; i++)
                {
                    var v = fine.Targets[i];
                    if (parent[v] >= 0 || v == u)
                        continue;
                    var score = fine.Pull[i] / (fine.Mass[u] + fine.Mass[v]);
                    if (score > bestScore)
                        (best, bestScore) = (v, score);
                }
                if (best >= 0)
                    parent[u] = parent[best] = next++;
            }
            foreach (var u in order)
            {
                if (parent[u] >= 0)
                    continue;
                var (best, bestPull) = (-1, double.NegativeInfinity);
                for (var i = fine.Offsets[u]; i < fine.Offsets[u + 1]; i++)
                    if (parent[fine.Targets[i]] >= 0 && fine.Pull[i] > bestPull)
                        (best, bestPull) = (fine.Targets[i], fine.Pull[i]);
                parent[u] = best >= 0 ? parent[best] : next++;
            }
            if (next > 0.9 * n)
                break;
            levels.Add(Collapse(fine, parent, next));
        }
        return levels;
    }

    private static Level Collapse(Level fine, int[] parent, int count)
    {
        var mass = new double[count];
        for (var v = 0; v < fine.Count; v++)
            mass[parent[v]] += fine.Mass[v];
        var ties = new Dictionary<long, double>();
        for (var u = 0; u < fine.Count; u++)
        {
            for (var i = fine.Offsets[u]; i < fine.Offsets[u + 1]; i++)
            {
                var (a, b) = (parent[u], parent[fine.Targets[i]]);
                if (a == b)
                    continue;
                var key = ((long)a << 32) | (uint)b;
                ties[key] = ties.GetValueOrDefault(key) + fine.Pull[i];
            }
        }
        var offsets = new int[count + 1];
        foreach (var key in ties.Keys)
            offsets[(int)(key >> 32) + 1]++;
        for (var v = 0; v < count; v++)
            offsets[v + 1] += offsets[v];
        var targets = new int[ties.Count];
        var pull = new double[ties.Count];
        var fill = (int[])offsets.Clone();
        foreach (var (key, value) in ties.OrderBy(t => t.Key))
        {
            var a = (int)(key >> 32);
            targets[fill[a]] = (int)(key & 0xffffffff);
            pull[fill[a]++] = value;
        }
        return new Level { Offsets = offsets, Targets = targets, Pull = pull, Mass = mass, ParentOfFine = parent };
    }

    /// <summary>Hu's iteration with adaptive step length: fixed nodes feel forces but do not move.</summary>
    private static void Refine(Level level, double[] x, double[] y, bool[]? fixedNodes, int iterations, double step, double p)
    {
        var n = level.Count;
        if (n < 2)
            return;
        var (fx, fy) = (new double[n], new double[n]);
        var tree = new QuadTree(n);
        var energy = double.PositiveInfinity;
        var progress = 0;
        var totalMass = level.Mass.Sum();
        var repulsion = C * Math.Pow(K, 1 + p);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            tree.Build(x, y, level.Mass);
            var (cx, cy) = (0.0, 0.0);
            for (var v = 0; v < n; v++)
                (cx, cy) = (cx + x[v] * level.Mass[v], cy + y[v] * level.Mass[v]);
            (cx, cy) = (cx / totalMass, cy / totalMass);
            Parallel.For(0, n, () => new int[256], (v, _, stack) =>
            {
                var (rx, ry) = tree.Repulsion(v, x[v], y[v], level.Mass[v], p, stack);
                var (ax, ay) = (0.0, 0.0);
                for (var i = level.Offsets[v]; i < level.Offsets[v + 1]; i++)
                {
                    var u = level.Targets[i];
                    var (dx, dy) = (x[u] - x[v], y[u] - y[v]);
                    var d = Math.Sqrt(dx * dx + dy * dy);
                    var f = level.Pull[i] * d / K;
                    (ax, ay) = (ax + dx * f, ay + dy * f);
                }
                var g = Gravity * level.Mass[v] / K;
                fx[v] = repulsion * rx + ax - g * (x[v] - cx);
                fy[v] = repulsion * ry + ay - g * (y[v] - cy);
                return stack;
            }, _ => { });

            var (newEnergy, moved) = (0.0, 0.0);
            for (var v = 0; v < n; v++)
            {
                var f2 = fx[v] * fx[v] + fy[v] * fy[v];
                newEnergy += f2;
                if (fixedNodes?[v] == true || f2 == 0)
                    continue;
                var f = Math.Sqrt(f2);
                x[v] += step * fx[v] / f;
                y[v] += step * fy[v] / f;
                moved += step;
            }
            // Adaptive cooling (Hu 2005, Algorithm 1): grow the step after five improving iterations, shrink it otherwise.
            if (newEnergy < energy)
            {
                if (++progress >= 5)
                    (progress, step) = (0, step / Cooling);
            }
            else
            {
                (progress, step) = (0, step * Cooling);
            }
            energy = newEnergy;
            if (step < 0.005 * K)
                break;
        }
    }

    /// <summary>Pushes apart nodes closer than <see cref="MinimumGap"/> (a grid of cells that size, a few sweeps).</summary>
    private static void RemoveOverlaps(double[] x, double[] y, bool[]? fixedNodes)
    {
        var n = x.Length;
        for (var sweep = 0; sweep < 10; sweep++)
        {
            var cells = new Dictionary<(long, long), List<int>>();
            for (var v = 0; v < n; v++)
            {
                var key = ((long)Math.Floor(x[v] / MinimumGap), (long)Math.Floor(y[v] / MinimumGap));
                if (!cells.TryGetValue(key, out var list))
                    cells[key] = list = [];
                list.Add(v);
            }
            var moved = false;
            foreach (var ((cx, cy), members) in cells.OrderBy(c => c.Key))
            {
                foreach (var u in members)
                {
                    for (var ox = -1; ox <= 1; ox++)
                    {
                        for (var oy = -1; oy <= 1; oy++)
                        {
                            if (!cells.TryGetValue((cx + ox, cy + oy), out var others))
                                continue;
                            foreach (var v in others)
                            {
                                if (v <= u)
                                    continue;
                                var (dx, dy) = (x[v] - x[u], y[v] - y[u]);
                                var d = Math.Sqrt(dx * dx + dy * dy);
                                if (d >= MinimumGap)
                                    continue;
                                if (d < 1e-9)
                                    (dx, dy, d) = (Math.Cos(u + v), Math.Sin(u + v), 1);
                                var push = (MinimumGap - d) / 2 / d;
                                var (uFixed, vFixed) = (fixedNodes?[u] == true, fixedNodes?[v] == true);
                                if (uFixed && vFixed)
                                    continue;
                                var (su, sv) = uFixed ? (0.0, 2.0) : vFixed ? (2.0, 0.0) : (1.0, 1.0);
                                (x[u], y[u]) = (x[u] - dx * push * su, y[u] - dy * push * su);
                                (x[v], y[v]) = (x[v] + dx * push * sv, y[v] + dy * push * sv);
                                moved = true;
                            }
                        }
                    }
                }
            }
            if (!moved)
                return;
        }
    }
}
