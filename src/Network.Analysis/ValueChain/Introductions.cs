using Network.Analysis.Graphs;
using Network.Analysis.Projection;

namespace Network.Analysis.ValueChain;

/// <summary>
/// A suggested introduction that would close (part of) a gap, with its score and the reason in words, and who can make
/// it: the shared partner most strongly tied to both (null when the two have no partner in common).
/// </summary>
public sealed record Introduction(string SectorName, GapKind GapKind, string FromId, string FromName, string ToId, string ToName, double Score, string Reason)
{
    public string? IntroducerId { get; init; }
    public string? IntroducerName { get; init; }

    /// <summary>Every kind of gap this pair would close (a pair suggested for two gaps is listed once, with both reasons).</summary>
    public IReadOnlyList<GapKind> GapKinds { get; init; } = [GapKind];

    /// <summary>The gaps it would close, in words ("Agriculture, thin prototyping").</summary>
    public string Closes { get; init; } = "";

    /// <summary>Why these two: their shared partners, city and kinds, in words (said once however many gaps they close).</summary>
    public string Why { get; init; } = "";
}

/// <summary>
/// Introductions for unconnected and thin gaps, ranked by link prediction on the organisation network: weighted
/// resource allocation Σ_z 1/s(z) over shared partners z (Zhou, Lü &amp; Zhang 2009), +0.25 when the two share a city.
/// The ranking is the one that predicted held-out CORDIS projects best (`network-tools introductions-eval`: on the
/// 2017/2018 split it put 37 of its top 100 pairs into a project together, against 30 for plain resource allocation
/// and 17 for common neighbours and Adamic–Adar; an Adamic–Adar term and a bonus for complementary kinds, tried
/// before, lowered it to 21). The reason names the shared partners and what ties them (agreements, people, events),
/// the shared city, and whether the two are of complementary kinds (a knowledge institution and a company or
/// investor) — said, not scored. For an unconnected gap the pairs span the two stages; for a thin gap the lone actor
/// is paired with organisations at the same stage outside the region (a second source) and at the next stages. The
/// introducer is the shared partner z that maximises min(w(a,z), w(b,z)): the one both already trust most.
/// </summary>
public static class Introductions
{
    public static IReadOnlyList<Introduction> Suggest(IReadOnlyList<SectorChain> chains, OrganisationNetwork network, int perGap = 3)
    {
        var graph = network.Graph;
        var suggestions = new List<Introduction>();
        foreach (var chain in chains)
        {
            foreach (var gap in chain.Gaps)
            {
                IEnumerable<(ChainActor A, ChainActor B)> pairs = gap.Kind switch
                {
                    GapKind.Unconnected => gap.Actors.SelectMany(a => gap.NextActors.Select(b => (a, b))),
                    GapKind.Thin => Partners(chain, gap).Select(b => (gap.Actors[0], b)),
                    _ => [],
                };
                suggestions.AddRange(pairs
                    .Where(p => p.A.Id != p.B.Id && network.Tie(p.A.Id, p.B.Id) is null)
                    .Select(p => Score(gap, p.A, p.B, graph, network))
                    .OrderByDescending(i => i.Score).ThenBy(i => i.FromName, StringComparer.Ordinal).ThenBy(i => i.ToName, StringComparer.Ordinal)
                    .Take(perGap));
            }
        }
        // One line per pair: the best-scored suggestion, with the reasons of the others added.
        return suggestions
            .GroupBy(i => string.CompareOrdinal(i.FromId, i.ToId) < 0 ? (i.FromId, i.ToId) : (i.ToId, i.FromId))
            .Select(g =>
            {
                var best = g.OrderByDescending(i => i.Score).First();
                var others = g.Where(i => !ReferenceEquals(i, best)).ToList();
                var closes = string.Join("; ", g.OrderByDescending(i => i.Score).Select(i => i.Closes).Distinct());
                return others.Count == 0 ? best : best with
                {
                    Closes = closes,
                    Reason = $"{closes}: {best.Why}.",
                    GapKinds = g.OrderByDescending(i => i.Score).Select(i => i.GapKind).Distinct().ToList(),
                };
            })
            .ToList();
    }

    private static IEnumerable<ChainActor> Partners(SectorChain chain, Gap gap)
    {
        var at = Gaps.Chain.ToList().IndexOf(gap.Stage);
        var next = at >= 0 && at + 1 < Gaps.Chain.Count ? chain.Stages.First(s => s.Stage == Gaps.Chain[at + 1]).InRegion : [];
        var previous = at > 0 ? chain.Stages.First(s => s.Stage == Gaps.Chain[at - 1]).InRegion : [];
        return gap.NextActors.Concat(next).Concat(previous).DistinctBy(a => a.Id);
    }

    private static Introduction Score(Gap gap, ChainActor a, ChainActor b, WeightedGraph graph, OrganisationNetwork network)
    {
        var (u, v) = (graph.IndexOf(a.Id), graph.IndexOf(b.Id));
        var shared = new List<int>();
        if (u >= 0 && v >= 0)
        {
            var other = new HashSet<int>(graph.Neighbours(v).ToArray());
            foreach (var z in graph.Neighbours(u))
            {
                if (other.Contains(z))
                    shared.Add(z);
            }
        }
        var score = PairScore(graph, shared, a.City, b.City);
        var complementary = IsKnowledge(a.Kind) != IsKnowledge(b.Kind);
        var sameCity = a.City is not null && a.City == b.City;

        var reasons = new List<string>();
        var closest = shared.OrderByDescending(z => network.Tie(a.Id, graph.Ids[z])!.Weight + network.Tie(b.Id, graph.Ids[z])!.Weight).Take(3).ToList();
        if (closest.Count > 0)
        {
            // The closest shared partner with what ties each to it (the evidence), the next two by name, then a count.
            var z = closest[0];
            var viaA = network.Tie(a.Id, graph.Ids[z])!.Reasons[0].Label;
            var viaB = network.Tie(b.Id, graph.Ids[z])!.Reasons[0].Label;
            var first = $"both work with {network.Organisations[z].Name} ({a.Name} through {viaA}, {b.Name} through {viaB})";
            var next = closest.Skip(1).Select(n => network.Organisations[n].Name).ToList();
            reasons.Add(next.Count == 0 ? first
                : first + ", and with " + string.Join(" and ", next) + (shared.Count > closest.Count ? $" ({shared.Count:N0} shared partners in all)" : ""));
        }
        if (sameCity)
            reasons.Add($"both are in {a.City}");
        if (complementary)
            reasons.Add($"a {a.Kind} and a {b.Kind} complement each other");
        if (reasons.Count == 0)
            reasons.Add("no shared partner yet: a first, direct introduction");
        var stages = gap.Kind == GapKind.Unconnected ? $"{gap.Stage} → {gap.NextStage}" : $"thin {gap.Stage}";
        var introducer = shared.Count == 0 ? -1
            : shared.MaxBy(z => Math.Min(network.Tie(a.Id, graph.Ids[z])!.Weight, network.Tie(b.Id, graph.Ids[z])!.Weight));
        var closes = $"{gap.SectorName}, {stages}";
        var why = string.Join("; ", reasons);
        return new Introduction(gap.SectorName, gap.Kind, a.Id, a.Name, b.Id, b.Name, score, $"{closes}: {why}.")
        {
            Closes = closes,
            Why = why,
            IntroducerId = introducer < 0 ? null : graph.Ids[introducer],
            IntroducerName = introducer < 0 ? null : network.Organisations[introducer].Name,
        };
    }

    /// <summary>
    /// The ranking of a pair not yet tied, given the partners they share: weighted resource allocation over the shared
    /// partners, +0.25 for the same city. The same score ranks every suggestion and is what
    /// <c>network-tools introductions-eval</c> measures on held-out CORDIS projects.
    /// </summary>
    public static double PairScore(WeightedGraph graph, IEnumerable<int> shared, string? cityA, string? cityB) =>
        shared.Sum(z => 1 / graph.Strength(z)) + (cityA is not null && cityA == cityB ? 0.25 : 0);

    private static bool IsKnowledge(string kind) => kind is "university" or "research-institute";
}
