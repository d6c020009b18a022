using Network.Analysis.Graphs;

namespace Network.Analysis.Community;

/// <summary>A partition: community index per node (0..Count−1, largest first) and its modularity.</summary>
public sealed record CommunityResult(string Algorithm, int[] Community, int Count, double Modularity);

/// <summary>
/// Leiden community detection for modularity (Traag, Waltman &amp; van Eck 2019, "From Louvain to Leiden:
/// guaranteeing well-connected communities", Sci. Rep. 9:5233). Each iteration: fast local moving with a queue,
/// refinement of every community into well-connected sub-communities (randomised merges, θ = 0.01), aggregation on
/// the refinement with the unrefined partition as the start — until a local-moving phase changes nothing.
/// Iterations repeat from the last partition until modularity rises by less than 10⁻⁴. Quality gain of moving node v to C:
/// k_v,C − γ K_v K_C / 2m. Seeded and deterministic. Communities are connected: refinement guarantees it, and any
/// disconnected community is split as a final safeguard.
/// </summary>
public static class Leiden
{
    /// <param name="minImprovement">Iterations stop when modularity rises by less than this.</param>
    public static CommunityResult Detect(WeightedGraph graph, double resolution = 1.0, int seed = 0, int maxIterations = 10, double randomness = 0.01, double minImprovement = 1e-4)
    {
        var n = graph.NodeCount;
        var random = new Random(seed);
        var partition = Enumerable.Range(0, n).ToArray();
        var best = double.NegativeInfinity;
        var bestPartition = partition;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            partition = Iterate(LevelGraph.From(graph), partition, resolution, randomness, random);
            partition = Modularity.SplitDisconnected(graph, partition);
            var quality = Modularity.Of(graph, partition, resolution);
            if (quality <= best + 1e-12)
                break;
            var gain = quality - best;
            (best, bestPartition) = (quality, partition);
            if (gain < minImprovement)
                break;
        }
        var normalised = Modularity.Normalise(bestPartition);
        return new CommunityResult("leiden", normalised, normalised.Length == 0 ? 0 : normalised.Max() + 1, Modularity.Of(graph, normalised, resolution));
    }

    private static int[] Iterate(LevelGraph level, int[] start, double resolution, double randomness, Random random)
    {
        // membership[v] = the node of the current level that original node v belongs to.
        var membership = Enumerable.Range(0, level.Count).ToArray();
        var partition = (int[])start.Clone();
        LevelGraph.Compact(partition);
        while (true)
        {
            LocalMoving.MoveNodesFast(level, partition, resolution, random);
            var communities = LevelGraph.Compact(partition);
            if (communities == level.Count)
                break;

            var refined = Refine(level, partition, communities, resolution, randomness, random);
            var refinedCount = LevelGraph.Compact(refined);
            if (refinedCount == level.Count)
            {
                // Refinement merged nothing; aggregating on it would not shrink the graph, so aggregate on the partition.
                (refined, refinedCount) = ((int[])partition.Clone(), communities);
            }

            // The aggregate starts from the unrefined partition: each refined group inherits its community.
            var next = new int[refinedCount];
            for (var v = 0; v < level.Count; v++)
                next[refined[v]] = partition[v];
            for (var v = 0; v < membership.Length; v++)
                membership[v] = refined[membership[v]];
            level = level.Aggregate(refined, refinedCount);
            partition = next;
        }
        var result = new int[membership.Length];
        for (var v = 0; v < membership.Length; v++)
            result[v] = partition[membership[v]];
        return result;
    }

    /// <summary>Within each community, merges singletons into well-connected sub-communities (the paper's MergeNodesSubset).</summary>
    private static int[] Refine(LevelGraph level, int[] partition, int communities, double resolution, double theta, Random random)
    {
        var n = level.Count;
        var twoM = level.TotalStrength;
        var refined = Enumerable.Range(0, n).ToArray();
        var refinedStrength = (double[])level.Strength.Clone();
        var communityStrength = new double[communities];
        for (var v = 0; v < n; v++)
            communityStrength[partition[v]] += level.Strength[v];

        // external[r] = weight of ties from refined group r to the rest of its community.
        var external = new double[n];
        for (var v = 0; v < n; v++)
        {
            for (var e = level.Offsets[v]; e < level.Offsets[v + 1]; e++)
            {
                if (partition[level.Targets[e]] == partition[v])
                    external[v] += level.Weights[e];
            }
        }
        var singleton = Enumerable.Repeat(true, n).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);

        var toGroup = new double[n];
        var touched = new List<int>();
        var candidates = new List<(int Group, double Gain)>();
        foreach (var v in order)
        {
            var c = partition[v];
            var kv = level.Strength[v];
            if (!singleton[v] || external[v] < resolution * kv * (communityStrength[c] - kv) / twoM)
                continue;

            for (var e = level.Offsets[v]; e < level.Offsets[v + 1]; e++)
            {
                var u = level.Targets[e];
                if (partition[u] != c)
                    continue;
                var r = refined[u];
                if (toGroup[r] == 0)
                    touched.Add(r);
                toGroup[r] += level.Weights[e];
            }

            candidates.Clear();
            candidates.Add((refined[v], 0));
            var maxGain = 0.0;
            foreach (var r in touched)
            {
                if (r == refined[v])
                    continue;
                var kr = refinedStrength[r];
                if (external[r] < resolution * kr * (communityStrength[c] - kr) / twoM)
                    continue;
                var gain = toGroup[r] - resolution * kv * kr / twoM;
                if (gain >= 0)
                {
                    candidates.Add((r, gain));
                    maxGain = Math.Max(maxGain, gain);
                }
            }

            var chosen = refined[v];
            if (candidates.Count > 1)
            {
                // Probability ∝ exp(gain/θ), shifted by the largest gain so it cannot overflow.
                var total = 0.0;
                for (var i = 0; i < candidates.Count; i++)
                    total += Math.Exp((candidates[i].Gain - maxGain) / theta);
                var pick = random.NextDouble() * total;
                foreach (var (group, gain) in candidates)
                {
                    pick -= Math.Exp((gain - maxGain) / theta);
                    if (pick <= 0)
                    {
                        chosen = group;
                        break;
                    }
                }
            }

            if (chosen != refined[v])
            {
                var old = refined[v];
                external[chosen] = external[chosen] + external[v] - 2 * toGroup[chosen];
                refinedStrength[chosen] += kv;
                refinedStrength[old] -= kv;
                refined[v] = chosen;
                // A group is named after its founding node, which stops being a singleton now too.
                singleton[v] = false;
                singleton[chosen] = false;
            }
            foreach (var r in touched)
                toGroup[r] = 0;
            touched.Clear();
        }
        return refined;
    }
}

/// <summary>The local-moving phases shared by Louvain and Leiden.</summary>
internal static class LocalMoving
{
    /// <summary>
    /// Leiden's fast local moving: a queue of nodes in random order; each node moves to the neighbouring (or an empty)
    /// community with the largest gain, and its neighbours outside the new community are queued again.
    /// Returns whether any node moved. <paramref name="partition"/> is updated in place.
    /// </summary>
    public static bool MoveNodesFast(LevelGraph level, int[] partition, double resolution, Random random)
    {
        var n = level.Count;
        var offsets = level.Offsets;
        var targets = level.Targets;
        var weights = level.Weights;
        var strength = level.Strength;
        var scale = resolution / level.TotalStrength;
        var communityStrength = new double[n];
        var size = new int[n];
        for (var v = 0; v < n; v++)
        {
            communityStrength[partition[v]] += strength[v];
            size[partition[v]]++;
        }
        var empty = new int[n];
        var emptyCount = 0;
        for (var c = n - 1; c >= 0; c--)
        {
            if (size[c] == 0)
                empty[emptyCount++] = c;
        }

        // A ring buffer holds each node at most once.
        var queue = new int[n];
        var queued = new bool[n];
        for (var i = 0; i < n; i++)
            queue[i] = i;
        random.Shuffle(queue);
        Array.Fill(queued, true);
        int head = 0, count = n;

        var toCommunity = new double[n];
        var touched = new int[n];
        var moved = false;
        while (count > 0)
        {
            var v = queue[head];
            head = head + 1 == n ? 0 : head + 1;
            count--;
            queued[v] = false;

            var current = partition[v];
            var kv = strength[v];
            var touchedCount = 0;
            for (var e = offsets[v]; e < offsets[v + 1]; e++)
            {
                var c = partition[targets[e]];
                if (toCommunity[c] == 0)
                    touched[touchedCount++] = c;
                toCommunity[c] += weights[e];
            }

            communityStrength[current] -= kv;
            size[current]--;
            var best = current;
            var bestGain = toCommunity[current] - kv * communityStrength[current] * scale;
            for (var i = 0; i < touchedCount; i++)
            {
                var c = touched[i];
                var gain = toCommunity[c] - kv * communityStrength[c] * scale;
                if (gain > bestGain + 1e-12)
                    (best, bestGain) = (c, gain);
            }
            // Alone in a new community: gain 0.
            if (bestGain < -1e-12 && size[current] > 0 && emptyCount > 0)
                (best, bestGain) = (empty[emptyCount - 1], 0);

            if (best != current && size[best] == 0)
                emptyCount--;
            communityStrength[best] += kv;
            size[best]++;
            if (size[current] == 0 && best != current)
                empty[emptyCount++] = current;

            if (best != current)
            {
                partition[v] = best;
                moved = true;
                for (var e = offsets[v]; e < offsets[v + 1]; e++)
                {
                    var u = targets[e];
                    if (!queued[u] && partition[u] != best)
                    {
                        queued[u] = true;
                        var tail = head + count;
                        queue[tail >= n ? tail - n : tail] = u;
                        count++;
                    }
                }
            }
            for (var i = 0; i < touchedCount; i++)
                toCommunity[touched[i]] = 0;
        }
        return moved;
    }
}
