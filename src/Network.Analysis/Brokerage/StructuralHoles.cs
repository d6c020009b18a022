using Network.Analysis.Graphs;

namespace Network.Analysis.Brokerage;

/// <summary>Burt's structural-hole measures per node; null where undefined (isolates; hierarchy below two ties).</summary>
public sealed record StructuralHoleMeasures(double?[] Constraint, double?[] EffectiveSize, double?[] Efficiency, double?[] Hierarchy);

/// <summary>
/// Structural holes (Burt 1992, <i>Structural Holes</i>, ch. 2), with weights as tie strengths, as NetworkX
/// <c>constraint</c> and <c>effective_size</c> with <c>weight</c>:
/// <list type="bullet">
/// <item>p_ij = w_ij / Σ_k w_ik, the share of i's tie strength invested in j.</item>
/// <item>Constraint c_i = Σ_j (p_ij + Σ_q p_iq p_qj)², over i's contacts j (q ranges over i's contacts).</item>
/// <item>Effective size = Σ_j (1 − Σ_q p_iq m_jq), m_jq = w_jq / max_k w_jk (Borgatti's n − 2t/n when unweighted).</item>
/// <item>Efficiency = effective size / degree.</item>
/// <item>Hierarchy = Σ_j (c_ij/C · N) ln(c_ij/C · N) / (N ln N), N = degree, C = constraint; defined for N ≥ 2.</item>
/// </list>
/// </summary>
public static class StructuralHoles
{
    public static StructuralHoleMeasures Compute(WeightedGraph graph)
    {
        var n = graph.NodeCount;
        var strength = new double[n];
        var maxWeight = new double[n];
        for (var v = 0; v < n; v++)
        {
            strength[v] = graph.Strength(v);
            foreach (var w in graph.NeighbourWeights(v))
                maxWeight[v] = Math.Max(maxWeight[v], w);
        }

        var constraint = new double?[n];
        var effectiveSize = new double?[n];
        var efficiency = new double?[n];
        var hierarchy = new double?[n];
        var perStrength = strength.Select(s => s == 0 ? 0 : 1 / s).ToArray();
        var perMaxWeight = maxWeight.Select(w => w == 0 ? 0 : 1 / w).ToArray();
        // Every ego on its own: the egos are cut into blocks, each worked by one thread with its own scratch.
        var blocks = Math.Min(n, Environment.ProcessorCount * 4);
        Parallel.For(0, blocks, () => new Scratch(n), (block, _, scratch) =>
        {
            for (var ego = (int)((long)n * block / blocks); ego < (int)((long)n * (block + 1) / blocks); ego++)
                Measure(ego, scratch);
            return scratch;
        }, _ => { });

        void Measure(int ego, Scratch scratch)
        {
            var (share, indirect, redundancy) = (scratch.Share, scratch.Indirect, scratch.Redundancy);
            var contacts = graph.Neighbours(ego);
            var ties = graph.NeighbourWeights(ego);
            if (contacts.Length == 0)
                return;
            for (var i = 0; i < contacts.Length; i++)
                share[contacts[i]] = ties[i] / strength[ego];

            foreach (var q in contacts)
            {
                var qContacts = graph.Neighbours(q);
                var qTies = graph.NeighbourWeights(q);
                var (viaQ, fromQ) = (share[q] * perStrength[q], share[q]);
                for (var i = 0; i < qContacts.Length; i++)
                {
                    var j = qContacts[i];
                    if (share[j] == 0)
                        continue;
                    indirect[j] += viaQ * qTies[i];
                    redundancy[j] += fromQ * qTies[i] * perMaxWeight[j];
                }
            }

            double total = 0, effective = 0;
            foreach (var j in contacts)
            {
                var local = share[j] + indirect[j];
                total += local * local;
                effective += 1 - redundancy[j];
            }
            constraint[ego] = total;
            effectiveSize[ego] = effective;
            efficiency[ego] = effective / contacts.Length;

            var count = contacts.Length;
            if (count >= 2)
            {
                var h = 0.0;
                foreach (var j in contacts)
                {
                    var local = share[j] + indirect[j];
                    var ratio = local * local / total * count;
                    h += ratio * Math.Log(ratio);
                }
                hierarchy[ego] = h / (count * Math.Log(count));
            }

            foreach (var j in contacts)
                (share[j], indirect[j], redundancy[j]) = (0, 0, 0);
        }
        return new StructuralHoleMeasures(constraint, effectiveSize, efficiency, hierarchy);
    }

    /// <summary>One thread's scratch, indexed by node: the ego's share in each contact (0 = not a contact), and per-contact sums.</summary>
    private sealed class Scratch(int n)
    {
        public double[] Share { get; } = new double[n];

        public double[] Indirect { get; } = new double[n];

        public double[] Redundancy { get; } = new double[n];
    }
}
