using Network.Analysis.Domain;
using Network.Analysis.Projection;

namespace Network.Analysis.ValueChain;

public enum GapKind { Missing, Thin, ExternalOnly, Unconnected }

/// <summary>An organisation at a stage of a sector's chain; <paramref name="DerivedBy"/> names the rule when the position is derived, not recorded.</summary>
public sealed record ChainActor(string Id, string Name, string Kind, bool InRegion, string? City, string? DerivedBy = null);

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

    public static IReadOnlyList<SectorChain> Analyse(NetworkGraph graph, OrganisationNetwork network, IReadOnlyCollection<string> homeRegion) =>
        Analyse(ChainInputs.Of(graph), network, homeRegion);

    /// <param name="inputs">Where the organisations sit, read from the data once (<see cref="ChainInputs.Of"/>).</param>
    /// <param name="network">The organisation network whose ties say which stages are connected.</param>
    /// <param name="before">The chains before <paramref name="inputs"/> left an organisation out: the sectors it was not
    /// in are taken from them as they are (nobody else's place or tie changed), only its own are worked out again.</param>
    public static IReadOnlyList<SectorChain> Analyse(ChainInputs inputs, OrganisationNetwork network, IReadOnlyCollection<string> homeRegion,
        IReadOnlyList<SectorChain>? before = null)
    {
        var kept = before is not null && inputs.Touched is { } touched
            ? before.Where(c => !touched.Contains(c.SectorId)).ToDictionary(c => c.SectorId, StringComparer.Ordinal)
            : null;
        var home = homeRegion.ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool InRegion(Organisation o) => inputs.CityOf(o.Id) is { } c
            && (home.Contains(c.Id) || home.Contains(c.Name) || (c.Region is { } r && home.Contains(r)) || home.Contains(c.Country));

        // (sector, stage) → organisations (recorded, else derived: ChainPositions).
        var positions = new Dictionary<string, Dictionary<string, Dictionary<string, string?>>>(StringComparer.Ordinal);
        foreach (var p in inputs.Positions)
        {
            if (!positions.TryGetValue(p.Sector, out var stages))
                positions[p.Sector] = stages = new(StringComparer.Ordinal);
            if (!stages.TryGetValue(p.Stage, out var actors))
                stages[p.Stage] = actors = new(StringComparer.Ordinal);
            actors[p.Organisation] = p.DerivedBy;
        }

        ChainActor ActorOf(string id, string? derivedBy)
        {
            var o = inputs.Organisations[id];
            return new ChainActor(o.Id, o.Name, o.Kind, InRegion(o), inputs.CityOf(o.Id)?.Name, derivedBy);
        }

        var result = new List<SectorChain>();
        foreach (var sector in inputs.Sectors)
        {
            if (kept is not null && !inputs.Touched!.Contains(sector.Id))
            {
                if (kept.TryGetValue(sector.Id, out var same))
                    result.Add(same);
                continue;
            }
            var stages = positions.GetValueOrDefault(sector.Id) ?? [];
            if (stages.Count == 0 && !inputs.Listed(sector.Id))
                continue;
            var coverage = Vocabulary.Stages.Select(stage =>
            {
                var actors = (stages.GetValueOrDefault(stage) ?? []).Select(a => ActorOf(a.Key, a.Value)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
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
                var tied = left.Any(a => right.Any(b => a.Id != b.Id && network.Tied(a.Id, b.Id)))
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

    /// <summary>
    /// The default home region, its name first: where the member organisations concentrate (the region, else the
    /// country, most members sit in). Without members, where the network's activity concentrates: the region — or,
    /// for cities without a region, the city with the places within 10 km of it — whose organisations take part in
    /// the most relationships (a dataset gathered around Leuven is Leuven's, though more of its partners sit in Germany).
    /// </summary>
    public static IReadOnlyList<string> DefaultHomeRegion(NetworkGraph graph)
    {
        var nodes = graph.NodesById();
        var located = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => nodes.GetValueOrDefault(r.From) is Organisation && nodes.GetValueOrDefault(r.To) is City)
            .Select(r => (Organisation: (Organisation)nodes[r.From], City: (City)nodes[r.To]))
            .ToList();
        if (located.Any(x => x.Organisation.Member))
        {
            return located.Where(x => x.Organisation.Member).GroupBy(x => x.City.Region ?? x.City.Country)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<string>)[g.Key]).FirstOrDefault() ?? [];
        }
        var activity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in graph.Relationships.Where(r => r.Type != RelationshipType.LocatedIn))
        {
            activity[r.From] = activity.GetValueOrDefault(r.From) + 1;
            activity[r.To] = activity.GetValueOrDefault(r.To) + 1;
        }
        var top = located.GroupBy(x => x.City.Region ?? x.City.Id)
            .Select(g => (g.Key, Cities: g.Select(x => x.City).DistinctBy(c => c.Id).ToList(), Weight: g.Sum(x => 1 + activity.GetValueOrDefault(x.Organisation.Id))))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (top.Cities is null)
            return [];
        var city = top.Cities[0];
        if (city.Region is { } region)
            return [region];
        var near = city.Latitude is { } lat && city.Longitude is { } lon
            ? graph.OfType<City>().Where(c => c.Id != city.Id && c.Latitude is { } la && c.Longitude is { } lo && Geo.Kilometres(lat, lon, la, lo) <= 10)
                .Select(c => c.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];
        return [city.Name, .. near];
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

    /// <summary>What each kind of gap means, in one line, as the pages and the report say it.</summary>
    public static string Meaning(GapKind kind) => kind switch
    {
        GapKind.Missing => "no organisation works at this stage, in or outside the region",
        GapKind.ExternalOnly => "only organisations outside the region work at this stage",
        GapKind.Thin => "a single organisation in the region carries this stage",
        _ => "both stages are present in the region, but nothing ties them together",
    };

    public static string Names(IEnumerable<ChainActor> actors)
    {
        var list = actors.Select(a => a.Name).ToList();
        return list.Count <= 4 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(4))} and {list.Count - 4} more";
    }
}

/// <summary>
/// What the value chains are read from, gathered from the data once: every organisation's positions
/// (<see cref="ChainPositions"/>), the city each node is located in, the sectors with their ACTIVE_IN ties. A what-if
/// takes it with one actor left out (<see cref="Without"/>) instead of copying the data without the actor and reading
/// it all again — 1.8 s of a what-if on 50,000 organisations.
/// </summary>
public sealed class ChainInputs
{
    private readonly IReadOnlyList<ChainPosition> _positions;
    private readonly IReadOnlyDictionary<string, City[]> _cityOf;
    private readonly IReadOnlyDictionary<string, Organisation> _organisations;
    private readonly IReadOnlyDictionary<string, List<string>> _activeInFrom;
    private readonly IReadOnlyDictionary<string, int> _activeInTo;
    private readonly IReadOnlyList<Sector> _sectors;
    private readonly Node? _gone;

    private ChainInputs(IReadOnlyList<ChainPosition> positions, IReadOnlyDictionary<string, City[]> cityOf, IReadOnlyDictionary<string, Organisation> organisations,
        IReadOnlyDictionary<string, List<string>> activeInFrom, IReadOnlyDictionary<string, int> activeInTo, IReadOnlyList<Sector> sectors, Node? gone)
    {
        (_positions, _cityOf, _organisations, _activeInFrom, _activeInTo, _sectors, _gone) = (positions, cityOf, organisations, activeInFrom, activeInTo, sectors, gone);
    }

    public static ChainInputs Of(NetworkGraph graph)
    {
        var nodes = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => nodes.GetValueOrDefault(r.To) is City)
            .GroupBy(r => r.From)
            .ToDictionary(g => g.Key, g => g.Select(r => (City)nodes[r.To]).ToArray(), StringComparer.Ordinal);
        var activeIn = graph.OfType(RelationshipType.ActiveIn).ToList();
        return new ChainInputs(ChainPositions.Of(graph).Positions, cityOf,
            graph.OfType<Organisation>().ToDictionary(o => o.Id, StringComparer.Ordinal),
            activeIn.GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.Select(r => r.To).ToList(), StringComparer.Ordinal),
            activeIn.GroupBy(r => r.To).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            graph.OfType<Sector>().OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>
    /// The inputs of the data without <paramref name="gone"/> and its relationships, equal to <see cref="Of"/> of that
    /// data: an organisation's own positions, city and ACTIVE_IN ties go with it and nobody else's rest on them; a city
    /// takes the locations in it; a person or an event places nobody. An agreement (the sectors and stages of its parties
    /// are derived from it) or a sector is read again from <paramref name="without"/>.
    /// </summary>
    /// <param name="without">Makes the data without the node, for the kinds read again.</param>
    public ChainInputs Without(Node gone, Func<NetworkGraph> without)
    {
        if (_gone is not null)
            throw new InvalidOperationException("One actor at a time: these inputs already leave one out.");
        if (gone is Agreement or Sector)
            return Of(without());
        if (gone is not Organisation)
            return new ChainInputs(_positions, _cityOf, _organisations, _activeInFrom, _activeInTo, _sectors, gone);
        var own = _positions.Where(p => p.Organisation == gone.Id).Select(p => p.Sector)
            .Concat(_activeInFrom.GetValueOrDefault(gone.Id) ?? []).ToHashSet(StringComparer.Ordinal);
        return new ChainInputs(_positions.Where(p => p.Organisation != gone.Id).ToList(), _cityOf, _organisations, _activeInFrom, _activeInTo, _sectors, gone)
        {
            Touched = own,
        };
    }

    /// <summary>When an organisation is left out: the sectors it was placed in or tied to, the only ones whose chains change.</summary>
    internal IReadOnlySet<string>? Touched { get; private init; }

    internal IReadOnlyList<ChainPosition> Positions => _positions;

    internal IReadOnlyList<Sector> Sectors => _sectors;

    internal IReadOnlyDictionary<string, Organisation> Organisations => _organisations;

    /// <summary>The city <paramref name="id"/> is located in (its first still there), while the node is there.</summary>
    internal City? CityOf(string id)
    {
        if (id == _gone?.Id || _cityOf.GetValueOrDefault(id) is not { } cities)
            return null;
        foreach (var city in cities)
        {
            if (city.Id != _gone?.Id)
                return city;
        }
        return null;
    }

    /// <summary>Whether someone is tied to the sector by ACTIVE_IN (a sector is listed even when no stage is known there).</summary>
    internal bool Listed(string sector) =>
        _activeInTo.GetValueOrDefault(sector) - (_gone is not null && _activeInFrom.GetValueOrDefault(_gone.Id) is { } own ? own.Count(s => s == sector) : 0) > 0;
}
