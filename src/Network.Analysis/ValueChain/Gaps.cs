using Network.Analysis.Domain;
using Network.Analysis.Projection;

namespace Network.Analysis.ValueChain;

public enum GapKind { Missing, Thin, ExternalOnly, Unconnected }

/// <summary>An organisation at a stage of a sector's chain.</summary>
public sealed record ChainActor(string Id, string Name, string Kind, bool InRegion, string? City);

/// <summary>One cell of the sector × stage matrix.</summary>
public sealed record StageCoverage(string Stage, IReadOnlyList<ChainActor> InRegion, IReadOnlyList<ChainActor> External);

/// <summary>A gap: its kind, where it is, the actors on each side and why it is a gap.</summary>
public sealed record Gap(string SectorId, string SectorName, GapKind Kind, string Stage, string? NextStage, IReadOnlyList<ChainActor> Actors, IReadOnlyList<ChainActor> NextActors, string Explanation);

/// <param name="Emptied">Sectors that would have no organisation left (their gaps go with them: not closed).</param>
public sealed record GapChanges(IReadOnlyList<string> Opened, IReadOnlyList<string> Closed, IReadOnlyList<string> Worsened, IReadOnlyList<string> Emptied);

public sealed record SectorChain(string SectorId, string SectorName, IReadOnlyList<StageCoverage> Stages, IReadOnlyList<Gap> Gaps);

/// <summary>
/// Value-chain gaps per sector (the clusters). The chain is research → prototyping → pilot → production → market, with
/// finance alongside. An organisation is at a stage of a sector when its ACTIVE_IN tie to the sector lists the stage
/// (or, without such a tie, when its own sectors and stages list both). "In region" means located in a city whose id,
/// name, region or country is one of the home-region names. Gaps:
/// <list type="bullet">
/// <item><b>missing</b>: no actor at the stage at all;</item>
/// <item><b>external-only</b>: actors only outside the region;</item>
/// <item><b>thin</b>: exactly one in-region actor;</item>
/// <item><b>unconnected</b>: in-region actors at two consecutive stages, but no tie of the organisation network (a shared
/// agreement, person, event or a partnership) between any actor of one and any of the other.</item>
/// </list>
/// </summary>
public static class Gaps
{
    public static readonly IReadOnlyList<string> Chain = ["research", "prototyping", "pilot", "production", "market"];

    public static IReadOnlyList<SectorChain> Analyse(NetworkGraph graph, OrganisationNetwork network, IReadOnlyCollection<string> homeRegion)
    {
        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => nodes.GetValueOrDefault(r.To) is City)
            .GroupBy(r => r.From)
            .ToDictionary(g => g.Key, g => (City)nodes[g.First().To]);
        var home = homeRegion.ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool InRegion(Organisation o) => cityOf.GetValueOrDefault(o.Id) is { } c
            && (home.Contains(c.Id) || home.Contains(c.Name) || (c.Region is { } r && home.Contains(r)) || home.Contains(c.Country));

        // (sector, stage) → organisations, from ACTIVE_IN first, else from the organisation's own lists.
        var positions = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        void Place(string sector, string stage, string organisation)
        {
            if (!positions.TryGetValue(sector, out var stages))
                positions[sector] = stages = new(StringComparer.Ordinal);
            if (!stages.TryGetValue(stage, out var set))
                stages[stage] = set = new(StringComparer.Ordinal);
            set.Add(organisation);
        }
        var withActiveIn = new HashSet<(string, string)>();
        foreach (var r in graph.OfType(RelationshipType.ActiveIn))
        {
            withActiveIn.Add((r.From, r.To));
            foreach (var stage in r.Stages)
                Place(r.To, stage, r.From);
        }
        foreach (var o in graph.OfType<Organisation>())
        {
            foreach (var sector in o.Sectors.Where(s => !withActiveIn.Contains((o.Id, s))))
            {
                foreach (var stage in o.Stages)
                    Place(sector, stage, o.Id);
            }
        }

        var organisations = graph.OfType<Organisation>().ToDictionary(o => o.Id, StringComparer.Ordinal);
        ChainActor ActorOf(string id)
        {
            var o = organisations[id];
            return new ChainActor(o.Id, o.Name, o.Kind, InRegion(o), cityOf.GetValueOrDefault(o.Id)?.Name);
        }

        var result = new List<SectorChain>();
        foreach (var sector in graph.OfType<Sector>().OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var stages = positions.GetValueOrDefault(sector.Id) ?? [];
            if (stages.Count == 0 && !graph.OfType(RelationshipType.ActiveIn).Any(r => r.To == sector.Id))
                continue;
            var coverage = Vocabulary.Stages.Select(stage =>
            {
                var actors = (stages.GetValueOrDefault(stage) ?? []).Select(ActorOf).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
                return new StageCoverage(stage, actors.Where(a => a.InRegion).ToList(), actors.Where(a => !a.InRegion).ToList());
            }).ToList();

            var gaps = new List<Gap>();
            foreach (var cell in coverage)
            {
                if (cell.InRegion.Count == 0 && cell.External.Count == 0)
                    gaps.Add(new Gap(sector.Id, sector.Name, GapKind.Missing, cell.Stage, null, [], [], $"No organisation works at the {cell.Stage} stage of {sector.Name}."));
                else if (cell.InRegion.Count == 0)
                    gaps.Add(new Gap(sector.Id, sector.Name, GapKind.ExternalOnly, cell.Stage, null, cell.External, [], $"Only organisations outside the region work at the {cell.Stage} stage of {sector.Name}: {Names(cell.External)}."));
                else if (cell.InRegion.Count == 1)
                    gaps.Add(new Gap(sector.Id, sector.Name, GapKind.Thin, cell.Stage, null, cell.InRegion, cell.External, $"Only {cell.InRegion[0].Name} works at the {cell.Stage} stage of {sector.Name} in the region."));
            }
            for (var i = 0; i + 1 < Chain.Count; i++)
            {
                var left = coverage.First(c => c.Stage == Chain[i]).InRegion;
                var right = coverage.First(c => c.Stage == Chain[i + 1]).InRegion;
                if (left.Count == 0 || right.Count == 0)
                    continue;
                var tied = left.Any(a => right.Any(b => a.Id != b.Id && network.Tie(a.Id, b.Id) is not null))
                    || left.Any(a => right.Any(b => a.Id == b.Id));
                if (!tied)
                {
                    gaps.Add(new Gap(sector.Id, sector.Name, GapKind.Unconnected, Chain[i], Chain[i + 1], left, right,
                        $"{sector.Name} has {left.Count} {Chain[i]} and {right.Count} {Chain[i + 1]} organisation{(right.Count == 1 ? "" : "s")} in the region, but no agreement, person, event or partnership links any of them."));
                }
            }
            result.Add(new SectorChain(sector.Id, sector.Name, coverage, gaps));
        }
        return result;
    }

    /// <summary>The region most member organisations sit in (else most organisations): the default home region.</summary>
    public static string DefaultHomeRegion(NetworkGraph graph)
    {
        var nodes = graph.NodesById();
        var regions = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => nodes.GetValueOrDefault(r.From) is Organisation && nodes.GetValueOrDefault(r.To) is City)
            .Select(r => (Member: ((Organisation)nodes[r.From]).Member, City: (City)nodes[r.To]))
            .ToList();
        var pool = regions.Any(x => x.Member) ? regions.Where(x => x.Member).ToList() : regions;
        return pool.GroupBy(x => x.City.Region ?? x.City.Country).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? "";
    }

    /// <summary>A gap in a few words, the same for the same gap at any date: "ICT: thin pilot", "ICT: unconnected research → prototyping".</summary>
    public static string Describe(Gap gap) =>
        $"{gap.SectorName}: {Word(gap.Kind)} {gap.Stage}{(gap.NextStage is null ? "" : " → " + gap.NextStage)}";

    /// <summary>
    /// What a change does to the gaps, in words that are true: a gap whose sector has nobody left is not "closed" (the
    /// sector is emptied), and a stage that goes from thin to missing is one gap that got worse, not one closed and one
    /// opened.
    /// </summary>
    public static GapChanges Compare(IReadOnlyList<SectorChain> before, IReadOnlyList<SectorChain> after)
    {
        static HashSet<string> Peopled(IReadOnlyList<SectorChain> chains) =>
            chains.Where(c => c.Stages.Any(s => s.InRegion.Count + s.External.Count > 0)).Select(c => c.SectorName).ToHashSet(StringComparer.Ordinal);
        static Dictionary<string, Gap> ByPlace(IReadOnlyList<SectorChain> chains) =>
            chains.SelectMany(c => c.Gaps).GroupBy(g => $"{g.SectorName}\n{g.Stage}\n{g.NextStage}").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Emptied: had organisations placed in it before (at a stage, or in the sector with no stage known) and none after.
        var listedAfter = after.Select(c => c.SectorName).ToHashSet(StringComparer.Ordinal);
        var emptied = Peopled(before).Except(Peopled(after))
            .Concat(before.Select(c => c.SectorName).Where(name => !listedAfter.Contains(name)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var (was, now) = (ByPlace(before), ByPlace(after));
        var opened = new List<string>();
        var closed = new List<string>();
        var changed = new List<string>();
        foreach (var (place, gap) in now)
        {
            if (!was.TryGetValue(place, out var old))
                opened.Add(Describe(gap));
            else if (old.Kind != gap.Kind)
                changed.Add($"{gap.SectorName}: {gap.Stage}{(gap.NextStage is null ? "" : " → " + gap.NextStage)} from {Word(old.Kind)} to {Word(gap.Kind)}");
        }
        foreach (var (place, gap) in was)
        {
            if (!now.ContainsKey(place) && !emptied.Contains(gap.SectorName))
                closed.Add(Describe(gap));
        }
        return new GapChanges(opened.Order(StringComparer.Ordinal).ToList(), closed.Order(StringComparer.Ordinal).ToList(), changed.Order(StringComparer.Ordinal).ToList(), emptied);
    }

    /// <summary>
    /// How many gaps, said the same way on every page and in the report: "41 gaps, 6 of them in sectors the region is
    /// active in" (active: some organisation of the region works at some stage of it).
    /// </summary>
    public static string Count(IReadOnlyList<SectorChain> chains)
    {
        var all = chains.Sum(c => c.Gaps.Count);
        var active = chains.Where(c => c.Stages.Any(s => s.InRegion.Count > 0)).Sum(c => c.Gaps.Count);
        var gaps = $"{all.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} gap{(all == 1 ? "" : "s")}";
        return all == 0 || active == all ? gaps : $"{gaps}, {active.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} of them in sectors the region is active in";
    }

    /// <summary>The kind of gap as a manager says it.</summary>
    public static string Word(GapKind kind) => kind switch
    {
        GapKind.ExternalOnly => "external only",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Names(IEnumerable<ChainActor> actors)
    {
        var list = actors.Select(a => a.Name).ToList();
        return list.Count <= 4 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(4))} and {list.Count - 4} more";
    }
}
