using Network.Analysis.Graphs;

namespace Network.Analysis.Community;

/// <param name="Consensus">Mean share of runs in which two members of this community stay together (1 = always).</param>
public sealed record CommunityStability(int Community, int Size, double Consensus);

/// <param name="Consensus">Per node: the mean share of runs in which it stays with the other members of its community.</param>
/// <param name="BrokerShare">
/// Per node: the share of runs in which it has a tie outside its own community in that run, i.e. its ties reach two
/// or more communities counting its own, so that the only tie between its community and another counts as bridging.
/// </param>
public sealed record StabilityReport(int Runs, IReadOnlyList<double> Resolutions, IReadOnlyList<CommunityStability> Communities, double[] Consensus, double[] BrokerShare);

/// <summary>
/// Consensus of Leiden over several seeds and resolutions (Lancichinetti &amp; Fortunato 2012, "Consensus clustering in
/// complex networks"): how often pairs of a reference partition's community end up together, and how often each node
/// bridges communities, so that a manager does not act on the artefact of one random run.
/// </summary>
public static class Stability
{
    public static StabilityReport Assess(WeightedGraph graph, IReadOnlyList<int> reference, int seeds = 8, IReadOnlyList<double>? resolutions = null, int seed = 42)
    {
        resolutions ??= [0.8, 1.0, 1.2];
        // The runs are independent (each its own resolution and seed, each into its own slot): spread over the cores,
        // with the same result as one after the other.
        var settings = resolutions.SelectMany(resolution => Enumerable.Range(0, seeds).Select(s => (resolution, Seed: seed + 1000 * s + 7))).ToArray();
        var partitions = new int[settings.Length][];
        Parallel.For(0, settings.Length, i => partitions[i] = Leiden.Detect(graph, settings[i].resolution, settings[i].Seed).Community);
        var runs = partitions.ToList();
        var n = graph.NodeCount;
        var members = reference.Select((c, v) => (c, v)).GroupBy(x => x.c).ToDictionary(g => g.Key, g => g.Select(x => x.v).ToArray());
        var consensus = new double[n];
        var random = new Random(seed);
        for (var v = 0; v < n; v++)
        {
            var others = members[reference[v]].Where(u => u != v).ToArray();
            if (others.Length == 0)
            {
                consensus[v] = 1;
                continue;
            }
            // Large communities: compare with a sample of 50 members.
            if (others.Length > 50)
                others = others.OrderBy(_ => random.Next()).Take(50).ToArray();
            var together = 0.0;
            foreach (var run in runs)
                together += others.Count(u => run[u] == run[v]) / (double)others.Length;
            consensus[v] = together / runs.Count;
        }
        var brokerShare = new double[n];
        foreach (var run in runs)
        {
            for (var v = 0; v < n; v++)
            {
                // Bridging: some tie leaves its own community in this run (its own community is the other end).
                var bridges = false;
                foreach (var u in graph.Neighbours(v))
                {
                    if (run[u] != run[v])
                    {
                        bridges = true;
                        break;
                    }
                }
                if (bridges)
                    brokerShare[v] += 1.0 / runs.Count;
            }
        }
        var communities = members.OrderBy(kv => kv.Key)
            .Select(kv => new CommunityStability(kv.Key, kv.Value.Length, kv.Value.Average(v => consensus[v])))
            .ToList();
        return new StabilityReport(runs.Count, resolutions, communities, consensus, brokerShare);
    }
}
