using Network.Analysis.Graphs;

namespace Network.Analysis.Community;

/// <summary>
/// Asynchronous label propagation (Raghavan, Albert &amp; Kumara 2007): in random order, each node takes the label
/// with the largest summed tie weight among its neighbours (ties broken at random, keeping its own label when it is
/// among the best), until no label changes. Seeded and deterministic; fast but coarse.
/// </summary>
public static class LabelPropagation
{
    public static CommunityResult Detect(WeightedGraph graph, int seed = 0, int maxRounds = 100)
    {
        var n = graph.NodeCount;
        var random = new Random(seed);
        var label = Enumerable.Range(0, n).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        var weightOf = new double[n];
        var touched = new List<int>();
        var best = new List<int>();
        for (var round = 0; round < maxRounds; round++)
        {
            random.Shuffle(order);
            var changed = false;
            foreach (var v in order)
            {
                var neighbours = graph.Neighbours(v);
                if (neighbours.Length == 0)
                    continue;
                var weights = graph.NeighbourWeights(v);
                for (var i = 0; i < neighbours.Length; i++)
                {
                    var l = label[neighbours[i]];
                    if (weightOf[l] == 0)
                        touched.Add(l);
                    weightOf[l] += weights[i];
                }
                var max = touched.Max(l => weightOf[l]);
                best.Clear();
                best.AddRange(touched.Where(l => weightOf[l] >= max - 1e-12));
                if (!best.Contains(label[v]))
                {
                    label[v] = best[random.Next(best.Count)];
                    changed = true;
                }
                foreach (var l in touched)
                    weightOf[l] = 0;
                touched.Clear();
            }
            if (!changed)
                break;
        }
        var normalised = Modularity.Normalise(Modularity.SplitDisconnected(graph, label));
        return new CommunityResult("label-propagation", normalised, normalised.Length == 0 ? 0 : normalised.Max() + 1, Modularity.Of(graph, normalised));
    }
}
