using Network.Analysis.Graphs;

namespace Network.Analysis.Community;

/// <summary>
/// One level of the multilevel community algorithms: a weighted graph without self-loops whose nodes may stand for
/// groups of original nodes. Strength keeps the original summed strength of each group, so modularity gains are
/// computed as on the original graph.
/// </summary>
internal sealed class LevelGraph
{
    public required int Count { get; init; }
    public required int[] Offsets { get; init; }
    public required int[] Targets { get; init; }
    public required double[] Weights { get; init; }
    public required double[] Strength { get; init; }

    /// <summary>Summed strength of all nodes: 2m.</summary>
    public required double TotalStrength { get; init; }

    public static LevelGraph From(WeightedGraph graph)
    {
        var strength = new double[graph.NodeCount];
        for (var v = 0; v < graph.NodeCount; v++)
            strength[v] = graph.Strength(v);
        return new LevelGraph
        {
            Count = graph.NodeCount,
            Offsets = graph.Offsets,
            Targets = graph.Targets,
            Weights = graph.Weights,
            Strength = strength,
            TotalStrength = strength.Sum(),
        };
    }

    /// <summary>Collapses each group (0..groups−1) into one node; ties between groups add up, ties inside vanish.</summary>
    public LevelGraph Aggregate(int[] group, int groups)
    {
        var members = new int[Count];
        var start = new int[groups + 1];
        foreach (var g in group)
            start[g + 1]++;
        for (var g = 0; g < groups; g++)
            start[g + 1] += start[g];
        var fill = start[..groups].ToArray();
        for (var v = 0; v < Count; v++)
            members[fill[group[v]]++] = v;

        var strength = new double[groups];
        var offsets = new int[groups + 1];
        var targets = new int[Targets.Length];
        var weights = new double[Targets.Length];
        var size = 0;
        var accumulated = new double[groups];
        var touched = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            var touchedCount = 0;
            for (var i = start[g]; i < start[g + 1]; i++)
            {
                var v = members[i];
                strength[g] += Strength[v];
                for (var e = Offsets[v]; e < Offsets[v + 1]; e++)
                {
                    var h = group[Targets[e]];
                    if (h == g)
                        continue;
                    if (accumulated[h] == 0)
                        touched[touchedCount++] = h;
                    accumulated[h] += Weights[e];
                }
            }
            // Neighbour order does not matter to the moving phases, so the lists stay unsorted.
            for (var i = 0; i < touchedCount; i++)
            {
                var h = touched[i];
                (targets[size], weights[size]) = (h, accumulated[h]);
                size++;
                accumulated[h] = 0;
            }
            offsets[g + 1] = size;
        }
        return new LevelGraph
        {
            Count = groups,
            Offsets = offsets,
            Targets = targets[..size],
            Weights = weights[..size],
            Strength = strength,
            TotalStrength = TotalStrength,
        };
    }

    /// <summary>Renumbers group labels to 0..k−1 in place and returns k.</summary>
    public static int Compact(int[] group)
    {
        var max = 0;
        foreach (var g in group)
            max = Math.Max(max, g);
        var map = new int[max + 1];
        Array.Fill(map, -1);
        var count = 0;
        for (var i = 0; i < group.Length; i++)
        {
            ref var c = ref map[group[i]];
            if (c < 0)
                c = count++;
            group[i] = c;
        }
        return count;
    }
}
