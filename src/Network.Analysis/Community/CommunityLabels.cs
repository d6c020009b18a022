using Network.Analysis.Graphs;

namespace Network.Analysis.Community;

/// <summary>What one member is known by for naming its community: sectors (several), kind, country and city (null where unknown).</summary>
public sealed record MemberTraits(string Name, IReadOnlyList<string> Sectors, string? Kind, string? Country, string? City);

/// <summary>
/// Names communities by what sets them apart: of the sectors, kinds, countries and cities of its members, the one (or
/// two, of different attributes) most over-represented in the community against the whole network — the largest
/// share · ln(share / share overall), among values at least a tenth of the members (and two) have — followed by its
/// leading organisation, the member with the greatest tie strength:
/// "Life & health sciences · Leuven — led by KU Leuven". A single organisation is named after itself ("Ford Genk on its own"). Names are made
/// distinct within a network by the leader, and a number where even that repeats.
/// </summary>
public static class CommunityLabels
{
    public static IReadOnlyList<string> Name(WeightedGraph graph, IReadOnlyList<int> community, IReadOnlyList<MemberTraits> members)
    {
        var n = graph.NodeCount;
        var count = community.Count == 0 ? 0 : community.Max() + 1;
        var overall = Shares(Enumerable.Range(0, n), members);
        var labels = new string[count];
        for (var c = 0; c < count; c++)
        {
            var inside = Enumerable.Range(0, n).Where(v => community[v] == c).ToList();
            if (inside.Count == 0)
            {
                labels[c] = $"community {c + 1}";
                continue;
            }
            var leader = inside.OrderByDescending(graph.Strength).ThenBy(v => graph.Ids[v], StringComparer.Ordinal).First();
            if (inside.Count == 1)
            {
                labels[c] = members[leader].Name + " on its own";
                continue;
            }
            var mine = Shares(inside, members);
            // Distinctive: held by at least a tenth of the members (and two), and over-represented; ranked by how much
            // it tells the community apart — its share times the log of its lift over the whole network (its term of
            // the Kullback–Leibler divergence), so that a trait both common in the community and rare outside wins.
            var least = Math.Max(2, inside.Count / 10.0);
            var traits = mine
                .Where(kv => kv.Value.Count >= least)
                .Select(kv => (kv.Key.Attribute, kv.Key.Value, Lift: kv.Value.Share * Math.Log(kv.Value.Share / overall[kv.Key].Share)))
                .Where(x => x.Lift > 0.01)
                .OrderByDescending(x => Math.Round(x.Lift, 9)).ThenBy(x => Preference.IndexOf(x.Attribute)).ThenBy(x => x.Value, StringComparer.Ordinal)
                .ToList();
            var chosen = new List<string>();
            foreach (var (attribute, value, _) in traits)
            {
                // A city says its country already.
                if (chosen.Count == 2 || chosen.Contains(attribute) || (attribute == "country" && chosen.Contains("city")) || (attribute == "city" && chosen.Contains("country")))
                    continue;
                chosen.Add(attribute);
            }
            var words = traits.Where(t => chosen.Contains(t.Attribute)).GroupBy(t => t.Attribute).Select(g => g.First()).OrderBy(t => Preference.IndexOf(t.Attribute))
                .Select(t => t.Attribute == "kind" ? Domain.Vocabulary.KindPlural(t.Value) : t.Value).ToList();
            labels[c] = (words.Count > 0 ? string.Join(" · ", words) + " — " : "") + "led by " + members[leader].Name;
        }
        foreach (var group in labels.Select((label, c) => (label, c)).GroupBy(x => x.label, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var (label, c) in group)
                labels[c] = $"{label} ({c + 1})";
        }
        return labels;
    }

    /// <summary>Among equally distinctive traits, what a manager names a cluster by first.</summary>
    private static readonly List<string> Preference = ["sector", "city", "kind", "country"];

    private static Dictionary<(string Attribute, string Value), (int Count, double Share)> Shares(IEnumerable<int> nodes, IReadOnlyList<MemberTraits> members)
    {
        var list = nodes.ToList();
        var counts = new Dictionary<(string, string), int>();
        void Add(string attribute, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                counts[(attribute, value)] = counts.GetValueOrDefault((attribute, value)) + 1;
        }
        foreach (var v in list)
        {
            foreach (var sector in members[v].Sectors.Distinct(StringComparer.Ordinal))
                Add("sector", sector);
            Add("kind", members[v].Kind);
            Add("country", members[v].Country);
            Add("city", members[v].City);
        }
        return counts.ToDictionary(kv => kv.Key, kv => (kv.Value, (double)kv.Value / Math.Max(1, list.Count)));
    }
}
