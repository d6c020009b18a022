using System.Globalization;
using Network.Analysis.Brokerage;
using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Graphs;
using Network.Analysis.Projection;
using Network.Analysis.Structure;

namespace Network.Analysis.Insights;

/// <summary>Open pairs a broker spans between two groups of one attribute, e.g. city "Leuven" ↔ "Wuxi": 3.</summary>
public sealed record GroupBridge(string Attribute, string From, string To, int Pairs)
{
    /// <summary>"city Leuven ↔ Wuxi (9 pairs)", as every page and the report say it.</summary>
    public string Describe() => $"{Attribute} {From} ↔ {To} ({Text.Numbers.Count(Pairs)} pair{(Pairs == 1 ? "" : "s")})";
}

/// <summary>The four parts of the broker score, each between 0 and 1 before its weight (<see cref="BrokerProfiles.Weights"/>).</summary>
public sealed record ScoreParts(double Betweenness, double Split, double BridgeShare, double Freedom);

/// <summary>The 5th–95th percentile of a broker's rank over perturbed copies of the network (always including its rank as recorded).</summary>
public sealed record RankBand(int Low, int High)
{
    /// <summary>Stable: nine copies in ten keep it within a quarter of its rank (at least one place) of where it is.</summary>
    public bool IsStable(int rank)
    {
        var tolerance = Math.Max(1, (int)Math.Ceiling(rank * 0.25));
        return Low >= rank - tolerance && High <= rank + tolerance;
    }

    /// <summary>As every page and the report write it beside the rank: "(1–4) uncertain", or "stable" where every copy agrees.</summary>
    public string Describe(int rank) =>
        (Low == High ? "" : $"({Low.ToString("N0", CultureInfo.InvariantCulture)}–{High.ToString("N0", CultureInfo.InvariantCulture)}) ") + (IsStable(rank) ? "stable" : "uncertain");
}

/// <param name="Network">The network the numbers are measured in (<see cref="BrokerNetworks"/>).</param>
/// <param name="BetweennessRank">Its place by betweenness alone among actors of its label in the same network.</param>
/// <param name="CutOff">Organisations cut off from the rest if it leaves (in the organisation network).</param>
/// <param name="BridgeShare">The largest share of its community's tie weight to another community that runs over its own ties.</param>
/// <param name="Why">Where its score rank and its betweenness rank are more than ten places apart: why, in one line.</param>
public sealed record BrokerProfile(
    string Id,
    string Name,
    string Label,
    string Network,
    double Score,
    int Rank,
    double Betweenness,
    int BetweennessRank,
    double? Constraint,
    double? EffectiveSize,
    int OpenPairs,
    int CrossGroupPairs,
    int CutOff,
    double BridgeShare,
    ScoreParts Parts,
    string? Why,
    IReadOnlyList<GroupBridge> Bridges,
    BrokerageRoles Roles,
    bool IsArticulationPoint,
    int Community)
{
    /// <summary>Null until the perturbed copies are ranked (<see cref="BrokerProfiles.WithRankBands"/>).</summary>
    public RankBand? RankBand { get; init; }

    /// <summary>The rank with its band: "2 (1–4) uncertain", "1 stable", or "2" while the band is computed.</summary>
    public string RankText => Rank.ToString("N0", CultureInfo.InvariantCulture) + (RankBand is { } band ? " " + band.Describe(Rank) : "");
}

/// <summary>The networks broker measures are taken in; every number says which.</summary>
public static class BrokerNetworks
{
    /// <summary>Organisations tied by shared agreements, people, events and partnerships: every organisation measure.</summary>
    public const string Organisations = "organisation network";

    /// <summary>Organisations and people, a person tied to the organisations they work for or met: only people's measures.</summary>
    public const string OrganisationsAndPeople = "network of organisations and people";
}

/// <summary>What a broker ranking is computed from; for organisations the metrics already computed, never computed twice.</summary>
/// <param name="CutOff">Per node: organisations cut off if it leaves (0 for all but cut points).</param>
public sealed record BrokerInputs(WeightedGraph Graph, IReadOnlyList<Actor> Actors, string Network, double[] Betweenness, StructuralHoleMeasures Holes, int[] Community,
    IReadOnlyList<int> CutPoints, int[] CutOff)
{
    /// <summary>When betweenness was estimated (a network above <see cref="BrokerProfiles.SampledAbove"/> actors): within what.</summary>
    public BetweennessEstimate? Margin { get; init; }

    /// <summary>Everything from the graph alone, cut-offs as articulation points of this graph (<see cref="CutPointLosses"/>).</summary>
    /// <param name="samples">Betweenness from this many seeded sources instead of all (perturbed copies of a large network).</param>
    /// <param name="maxThreads">At most this many threads for betweenness (0: every core).</param>
    public static BrokerInputs Compute(WeightedGraph graph, IReadOnlyList<Actor> actors, string network, int seed, int? samples = null, int maxThreads = 0)
    {
        // A large network's own ranking: estimated within a stated error, as its metrics are; a perturbed copy's: from sampled sources.
        var estimate = samples is null && graph.NodeCount > BrokerProfiles.SampledAbove ? SampledBetweenness.Estimate(graph, BrokerProfiles.Epsilon, seed: seed, maxThreads: maxThreads) : null;
        var betweenness = estimate?.Betweenness ?? ShortestPaths.Compute(graph, samples, seed, maxThreads).Betweenness;
        var (points, _) = Connectivity.CutPointsAndBridges(graph);
        return new BrokerInputs(graph, actors, network, betweenness, StructuralHoles.Compute(graph), Leiden.Detect(graph, seed: seed).Community, points,
            CutOffs(graph, points, actors.Select(a => a.Label == Domain.NodeLabel.Organisation).ToArray())) { Margin = estimate };
    }

    private static int[] CutOffs(WeightedGraph graph, IReadOnlyList<int> points, bool[] isOrganisation)
    {
        var cutOff = new int[graph.NodeCount];
        var losses = new CutPointLosses(graph, isOrganisation);
        foreach (var v in points)
            cutOff[v] = (int)losses.CutOffCount(v);
        return cutOff;
    }
}

/// <summary>
/// Broker profiles, best first, ranked within organisations (in the organisation network) and within people (in the
/// network of organisations and people). The score, between 0 and 1, adds four parts:
/// 0.6 · √(betweenness / max betweenness) — the share of shortest routes through it against the top broker's; the
/// square root because betweenness is heavy-tailed (on CORDIS the top value is 50 times the tenth), so that the second
/// tier still counts while the order by betweenness is kept;
/// 0.2 · min(1, organisations cut off if it leaves / a tenth of the organisations) — what breaks;
/// 0.1 · bridge share — the largest share, over the other communities of three or more, of its community's tie weight
/// to that one which runs over its own ties (1 for the only tie between two communities);
/// 0.1 · (1 − constraint) — Burt: its contacts are apart from each other.
/// Cross-group pairs (open pairs a–v–b whose ends differ in sector, city, country, organisation kind or community) and
/// the groups bridged describe a broker without scoring it. Gould–Fernandez roles use the Leiden communities as groups.
/// Rank bands re-rank on perturbed copies (Borgatti, Carley &amp; Krackhardt 2006).
/// </summary>
public static class BrokerProfiles
{
    public static readonly IReadOnlyList<string> Attributes = ["sector", "city", "country", "kind", "community"];

    /// <summary>The weights of <see cref="ScoreParts"/>, in its order.</summary>
    public static readonly ScoreParts Weights = new(0.6, 0.2, 0.1, 0.1);

    /// <summary>Above this many actors betweenness is estimated within ±<see cref="Epsilon"/> (as the metrics do); a perturbed copy's from <see cref="Samples"/> sources.</summary>
    public const int SampledAbove = AnalysisOptions.DefaultExactLimit, Samples = 500;

    /// <summary>The error of an estimated betweenness, as <see cref="AnalysisOptions.Epsilon"/>.</summary>
    public const double Epsilon = AnalysisOptions.DefaultEpsilon;

    /// <summary>The score in plain words, the one text the brokers page, the glossary and the report show.</summary>
    public const string Explanation =
        "60 % for its betweenness (the square root of its share of shortest routes against the top broker's, so the second tier still counts), " +
        "20 % for the organisations it alone connects to the rest (full marks when that is a tenth of the ecosystem), " +
        "10 % for how much of its community's tie weight to another community runs over its own ties (full marks for the only tie between two communities), " +
        "10 % for its freedom from constraint (its contacts do not know each other). " +
        "Where its score rank and its betweenness rank are more than ten places apart, it says why.";

    /// <summary>How far apart score rank and betweenness rank may be before the profile says why.</summary>
    public const int ExplainAbove = 10;

    public static IReadOnlyList<BrokerProfile> Compute(BrokerInputs inputs, IReadOnlyDictionary<string, string>? sectorNames = null)
    {
        var graph = inputs.Graph;
        var n = graph.NodeCount;
        if (inputs.Betweenness.Length != n || inputs.Actors.Count != n)
            throw new ArgumentException($"{inputs.Betweenness.Length} betweenness values and {inputs.Actors.Count} actors for {n} nodes.", nameof(inputs));
        var values = Attributes.Select(a => Enumerable.Range(0, n).Select(v => Value(inputs, v, a, sectorNames)).ToArray()).ToArray();
        var (openPairs, cross, bridges) = GroupPairs.Count(graph, Attributes, values, 6);
        var (scores, parts, share) = Scores(inputs);
        var roles = GouldFernandez.Compute(graph, inputs.Community);
        var articulation = inputs.CutPoints.ToHashSet();
        var order = Order(inputs, scores, openPairs);
        var betweennessRank = BetweennessRanks(inputs);

        var rankWithinLabel = new Dictionary<Domain.NodeLabel, int>();
        return order.Select(v =>
        {
            var actor = inputs.Actors[v];
            var rank = rankWithinLabel[actor.Label] = rankWithinLabel.GetValueOrDefault(actor.Label) + 1;
            return new BrokerProfile(actor.Id, actor.Name, actor.Label.ToString(), inputs.Network, scores[v], rank, inputs.Betweenness[v], betweennessRank[v],
                inputs.Holes.Constraint[v], inputs.Holes.EffectiveSize[v], openPairs[v], cross[v], inputs.CutOff[v], share[v], parts[v],
                Why(rank, betweennessRank[v], parts[v], inputs.CutOff[v], share[v]),
                bridges[v], roles[v], articulation.Contains(v), inputs.Community[v]);
        }).ToList();
    }

    /// <summary>
    /// The profiles with a rank band each: the ranking is repeated on <paramref name="copies"/> copies with 10 % of the
    /// ties removed at random and on as many with every tie of 10 % of the organisations removed (as members who did
    /// not answer a survey), each copy seeded from <paramref name="seed"/> and its number; the band is the 5th–95th
    /// percentile of the ranks, widened to include the rank as recorded; an organisation that did not answer has no rank
    /// in that copy. Above 2,000 actors a copy's betweenness is estimated from 200 sources. The copies run one after the
    /// other on the calling thread alone (no thread-pool work: it runs beside a server's requests), each with its own
    /// seeded random numbers, so the bands are the same on every run.
    /// </summary>
    public static IReadOnlyList<BrokerProfile> WithRankBands(IReadOnlyList<BrokerProfile> profiles, BrokerInputs inputs, int seed = 42, int copies = 50,
        CancellationToken cancellationToken = default)
    {
        var graph = inputs.Graph;
        var n = graph.NodeCount;
        var ranks = Enumerable.Range(0, n).Select(_ => new List<int>(2 * copies)).ToArray();
        var isOrganisation = inputs.Actors.Select(a => a.Label == Domain.NodeLabel.Organisation).ToArray();
        var organisations = Enumerable.Range(0, n).Where(v => isOrganisation[v]).ToArray();
        var edges = graph.Edges().ToArray();
        int? samples = n > 2000 ? 200 : null;
        for (var c = 0; c < 2 * copies; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Not HashCode.Combine: it is salted per process, so the bands would change from one run to the next.
            var random = new Random(unchecked((seed * 1_000_003) + c));
            IEnumerable<(int U, int V, double Weight)> kept;
            var silenced = new HashSet<int>();
            if (c < copies)
            {
                var shuffled = Enumerable.Range(0, edges.Length).ToArray();
                random.Shuffle(shuffled);
                var removed = shuffled.Take((int)Math.Round(edges.Length * 0.1)).ToHashSet();
                kept = edges.Where((_, i) => !removed.Contains(i));
            }
            else
            {
                var shuffled = organisations.ToArray();
                random.Shuffle(shuffled);
                silenced = shuffled.Take((int)Math.Round(organisations.Length * 0.1)).ToHashSet();
                kept = edges.Where(e => !silenced.Contains(e.U) && !silenced.Contains(e.V));
            }
            var copy = WeightedGraph.Create(graph.Ids, kept);
            var copyInputs = BrokerInputs.Compute(copy, inputs.Actors, inputs.Network, seed, samples, maxThreads: 1);
            var (scores, _, _) = Scores(copyInputs);
            var order = Order(copyInputs, scores, null);
            var rankWithinLabel = new Dictionary<Domain.NodeLabel, int>();
            foreach (var v in order)
            {
                var rank = rankWithinLabel[inputs.Actors[v].Label] = rankWithinLabel.GetValueOrDefault(inputs.Actors[v].Label) + 1;
                // An organisation that did not answer has no rank in that copy (as in Borgatti et al.'s node removal).
                if (!silenced.Contains(v))
                    ranks[v].Add(rank);
            }
        }
        return profiles.Select(p =>
        {
            var v = graph.IndexOf(p.Id);
            if (v < 0)
                return p;
            if (ranks[v].Count == 0)
                return p with { RankBand = new RankBand(p.Rank, p.Rank) };
            var sorted = ranks[v].Order().ToArray();
            var low = sorted[(int)Math.Floor(0.05 * (sorted.Length - 1))];
            var high = sorted[(int)Math.Ceiling(0.95 * (sorted.Length - 1))];
            return p with { RankBand = new RankBand(Math.Min(low, p.Rank), Math.Max(high, p.Rank)) };
        }).ToList();
    }

    private static string? Value(BrokerInputs inputs, int v, string attribute, IReadOnlyDictionary<string, string>? sectorNames)
    {
        var actor = inputs.Actors[v];
        return attribute switch
        {
            "sector" => actor.Sector is { } s ? sectorNames?.GetValueOrDefault(s) ?? s : null,
            "city" => actor.City,
            "country" => actor.Country,
            // People have no organisation kind; comparing them with organisations would only say "person".
            "kind" => actor.Label == Domain.NodeLabel.Person ? null : actor.Kind,
            _ => (inputs.Community[v] + 1).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static (double[] Scores, ScoreParts[] Parts, double[] Share) Scores(BrokerInputs inputs)
    {
        var graph = inputs.Graph;
        var n = graph.NodeCount;
        var share = BridgeShares(graph, inputs.Community);
        var organisations = inputs.Actors.Count(a => a.Label == Domain.NodeLabel.Organisation);
        // Measured against the ecosystem's size, not against the worst actor, so that cutting off one partner stays small
        // when nobody splits the ecosystem at all.
        var tenth = Math.Max(1.0, organisations / 10.0);
        var maxBetweenness = Math.Max(inputs.Betweenness.DefaultIfEmpty(0).Max(), double.Epsilon);
        var w = Weights;
        var scores = new double[n];
        var parts = new ScoreParts[n];
        for (var v = 0; v < n; v++)
        {
            var p = parts[v] = new ScoreParts(Math.Sqrt(inputs.Betweenness[v] / maxBetweenness), Math.Min(1, inputs.CutOff[v] / tenth), share[v],
                1 - Math.Min(1, inputs.Holes.Constraint[v] ?? 1));
            scores[v] = w.Betweenness * p.Betweenness + w.Split * p.Split + w.BridgeShare * p.BridgeShare + w.Freedom * p.Freedom;
        }
        return (scores, parts, share);
    }

    /// <summary>Best first; a person who links no two organisations (no open pair) after every person who does.</summary>
    private static List<int> Order(BrokerInputs inputs, double[] scores, int[]? openPairs) =>
        Enumerable.Range(0, inputs.Graph.NodeCount)
            .OrderBy(v => inputs.Actors[v].Label == Domain.NodeLabel.Person && (openPairs?[v] ?? inputs.Graph.Degree(v)) < (openPairs is null ? 2 : 1) ? 1 : 0)
            .ThenByDescending(v => scores[v]).ThenBy(v => inputs.Graph.Ids[v], StringComparer.Ordinal)
            .ToList();

    private static int[] BetweennessRanks(BrokerInputs inputs)
    {
        var rank = new int[inputs.Graph.NodeCount];
        var within = new Dictionary<Domain.NodeLabel, int>();
        foreach (var v in Enumerable.Range(0, rank.Length).OrderByDescending(v => inputs.Betweenness[v]).ThenBy(v => inputs.Graph.Ids[v], StringComparer.Ordinal))
            rank[v] = within[inputs.Actors[v].Label] = within.GetValueOrDefault(inputs.Actors[v].Label) + 1;
        return rank;
    }

    /// <summary>The largest share, over the other communities of three or more, of the tie weight between its own community and that one which runs over its own ties.</summary>
    private static double[] BridgeShares(WeightedGraph graph, int[] community)
    {
        var n = graph.NodeCount;
        var sizes = community.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var between = new Dictionary<(int, int), double>();
        for (var u = 0; u < n; u++)
        {
            var neighbours = graph.Neighbours(u);
            var weights = graph.NeighbourWeights(u);
            for (var i = 0; i < neighbours.Length; i++)
            {
                if (community[u] != community[neighbours[i]])
                    between[(community[u], community[neighbours[i]])] = between.GetValueOrDefault((community[u], community[neighbours[i]])) + weights[i];
            }
        }
        var share = new double[n];
        for (var v = 0; v < n; v++)
        {
            var mine = new Dictionary<int, double>();
            var neighbours = graph.Neighbours(v);
            var weights = graph.NeighbourWeights(v);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var other = community[neighbours[i]];
                if (other != community[v] && sizes[other] >= 3 && sizes[community[v]] >= 3)
                    mine[other] = mine.GetValueOrDefault(other) + weights[i];
            }
            share[v] = mine.Count == 0 ? 0 : mine.Max(kv => kv.Value / between[(community[v], kv.Key)]);
        }
        return share;
    }

    /// <summary>One line on why the score places it far from where betweenness alone would, naming the part that moved it most.</summary>
    private static string? Why(int rank, int betweennessRank, ScoreParts parts, int cutOff, double share)
    {
        if (Math.Abs(rank - betweennessRank) <= ExplainAbove)
            return null;
        var place = $"ranks {Ordinal(rank)} though {Ordinal(betweennessRank)} by betweenness";
        if (rank < betweennessRank)
        {
            // What breaks first, then the community bridge; low constraint only when neither applies (most brokers have it).
            var part = parts.Split > 0 ? "split" : parts.BridgeShare >= 0.5 ? "share" : "freedom";
            return part switch
            {
                "split" => $"{place}: {Count(cutOff, "organisation")} lose every path to the rest if it leaves, although few shortest routes run through it",
                "share" => share >= 1 - 1e-9
                    ? $"{place}: it is the only tie between its community and another, although few shortest routes run through it"
                    : $"{place}: {Percent(share)} of the tie weight between its community and another runs over its ties, although few shortest routes do",
                _ => $"{place}: its contacts are unusually apart from each other (low constraint)",
            };
        }
        var reasons = new List<string>();
        if (parts.Split == 0)
            reasons.Add("nobody is cut off if it leaves");
        if (parts.BridgeShare < 0.5)
            reasons.Add("others carry most ties between its community and the rest");
        if (parts.Freedom < 0.5)
            reasons.Add("its contacts are tied to each other");
        return $"{place}: {(reasons.Count > 0 ? string.Join(", and ", reasons) : "others score higher on what breaks if they leave")}";
    }

    private static string Ordinal(int n) => n.ToString("N0", CultureInfo.InvariantCulture) + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Count(int count, string noun) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
