using Network.Analysis.Centrality;
using Network.Analysis.Community;
using Network.Analysis.Domain;
using Network.Analysis.Projection;
using Network.Analysis.ValueChain;

namespace Network.Analysis.Insights;

public sealed record ReportOptions
{
    public string Title { get; init; } = "Ecosystem report";

    /// <summary>City ids, city names, regions or countries; the default is the region most members sit in.</summary>
    public IReadOnlyCollection<string>? HomeRegion { get; init; }

    public DateOnly? AsOf { get; init; }

    /// <summary>An earlier date to compare with (ties, brokers and gaps that changed since).</summary>
    public DateOnly? CompareWith { get; init; }

    /// <summary>The day the report is made: what a comparison runs to when no <see cref="AsOf"/> is given (the caller's clock, not the engine's).</summary>
    public DateOnly? Today { get; init; }

    public int Seed { get; init; } = 42;

    public int TopBrokers { get; init; } = 10;

    public bool Stability { get; init; } = true;
}

/// <param name="IncompleteOrganisations">Organisations without a known city.</param>
/// <param name="UnnamedOrganisations">Organisations imported without a name (shown as "unnamed organisation (…)").</param>
public sealed record ReportSummary(int Organisations, int People, int Agreements, int Ties, int Components, int LargestComponent, int Communities, double Modularity, int IncompleteOrganisations, int UnnamedOrganisations, bool Synthetic);

public sealed record CommunityLine(int Community, string Label, int Size, double Consensus, IReadOnlyList<string> Examples);

public sealed record ChangeBetweenDates(DateOnly From, DateOnly To, IReadOnlyList<(string A, string B)> NewTies, IReadOnlyList<(string A, string B)> LostTies,
    IReadOnlyList<BrokerChange> Rose, IReadOnlyList<BrokerChange> Fell, IReadOnlyList<string> GapsClosed, IReadOnlyList<string> GapsOpened);

public sealed record EcosystemReport(
    string Title,
    DateOnly? AsOf,
    IReadOnlyCollection<string> HomeRegion,
    ReportSummary Summary,
    IReadOnlyList<BrokerProfile> Brokers,
    IReadOnlyList<BrokerProfile> PersonBrokers,
    IReadOnlyDictionary<string, double> BrokerStability,
    IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure,
    IReadOnlyList<SectorChain> Chains,
    IReadOnlyList<Introduction> Introductions,
    IReadOnlyList<CommunityLine> Communities,
    int StabilityRuns,
    ChangeBetweenDates? Change)
{
    /// <summary>How many organisations the value chains place from their records, by derivation, or not at all.</summary>
    public ChainCoverage Coverage { get; init; } = new(0, 0, 0, 0);

    /// <summary>What a reader must know before trusting the figures, said in the summary (a survey few members answered).</summary>
    public IReadOnlyList<string> Caveats { get; init; } = [];
}

/// <summary>The analyses a report is made of; stabilities are asked for only when the report shows them.</summary>
public sealed record ReportInputs(
    ActorNetwork Actors,
    IReadOnlyList<BrokerProfile> Profiles,
    CommunityResult Communities,
    IReadOnlyList<string> CommunityLabels,
    Func<string, double?> BrokerStability,
    Func<StabilityReport> CommunityStability,
    IReadOnlyList<SectorChain> Chains,
    IReadOnlyList<Introduction> Introductions,
    IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure);

/// <summary>Everything a board report says, computed from the graph; rendering is elsewhere.</summary>
public static class EcosystemReports
{
    /// <summary>The report of one analysis of the graph (the same <see cref="AnalysisSnapshot"/> the server keeps), rank bands included.</summary>
    public static EcosystemReport Build(NetworkGraph graph, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        using var snapshot = new AnalysisSnapshot(graph, options.AsOf, options.Seed);
        snapshot.BrokersWithRankBandsAsync().GetAwaiter().GetResult();
        var home = options.HomeRegion is { Count: > 0 } given ? given : snapshot.HomeRegion;
        var chains = snapshot.Chains(home);
        var inputs = snapshot.ReportInputs() with { Chains = chains, Introductions = snapshot.Introductions(home) };
        return Build(graph, options with { HomeRegion = home }, inputs);
    }

    /// <summary>The report from parts already computed (a cached analysis has them all), so nothing is computed twice.</summary>
    public static EcosystemReport Build(NetworkGraph graph, ReportOptions options, ReportInputs inputs)
    {
        var home = options.HomeRegion is { Count: > 0 } given ? given : Gaps.DefaultHomeRegion(graph);
        var (actors, profiles, communities) = (inputs.Actors, inputs.Profiles, inputs.Communities);
        var organisations = actors.Organisations;
        var top = profiles.Where(p => p.Label == nameof(NodeLabel.Organisation)).Take(options.TopBrokers).ToList();
        var topPeople = profiles.Where(p => p.Label == nameof(NodeLabel.Person) && p.OpenPairs > 0).Take(options.TopBrokers).ToList();
        var components = Structure.Connectivity.Components(organisations.Graph);

        var brokerStability = new Dictionary<string, double>();
        var communityLines = new List<CommunityLine>();
        var runs = 0;
        if (options.Stability)
        {
            var organisationStability = inputs.CommunityStability();
            runs = organisationStability.Runs;
            foreach (var p in top.Concat(topPeople))
            {
                if (inputs.BrokerStability(p.Id) is { } share)
                    brokerStability[p.Id] = share;
            }
            communityLines = organisationStability.Communities.Where(c => c.Size > 1)
                .Select(c => new CommunityLine(c.Community, inputs.CommunityLabels[c.Community], c.Size, c.Consensus,
                    Enumerable.Range(0, organisations.Graph.NodeCount).Where(v => communities.Community[v] == c.Community)
                        .OrderByDescending(organisations.Graph.Strength).Take(4).Select(v => organisations.Organisations[v].Name).ToList()))
                .ToList();
        }

        var (chains, introductions) = (inputs.Chains, inputs.Introductions);
        var summary = new ReportSummary(
            organisations.Graph.NodeCount,
            actors.Actors.Count(a => a.Label == NodeLabel.Person),
            graph.OfType<Agreement>().Count(a => options.AsOf is not { } d || a.IsValidOn(d)),
            organisations.Graph.EdgeCount,
            components.Distinct().Count(),
            components.GroupBy(c => c).Select(g => g.Count()).DefaultIfEmpty(0).Max(),
            communities.Count,
            communities.Modularity,
            actors.Actors.Count(a => a.Label == NodeLabel.Organisation && a.City is null),
            actors.Actors.Count(a => a.Label == NodeLabel.Organisation && a.Name.StartsWith("unnamed ", StringComparison.Ordinal)),
            actors.Actors.Any(a => a.Synthetic));

        ChangeBetweenDates? change = null;
        if (options.CompareWith is { } from)
            change = Compare(graph, from, options.AsOf ?? options.Today ?? throw new ArgumentException("A comparison needs the day it runs to: AsOf or Today.", nameof(options)), home, options.Seed);

        return new EcosystemReport(options.Title, options.AsOf, home, summary, top, topPeople, brokerStability,
            inputs.SinglePointsOfFailure.Take(10).ToList(), chains, introductions, communityLines, runs, change)
        {
            Coverage = ChainPositions.Of(graph).Coverage,
        };
    }

    /// <summary>What changed between two dates: ties, brokers (organisation betweenness) and gaps.</summary>
    public static ChangeBetweenDates Compare(NetworkGraph graph, DateOnly from, DateOnly to, IReadOnlyCollection<string> home, int seed = 42)
    {
        var before = OrganisationProjection.Project(graph, from);
        var after = OrganisationProjection.Project(graph, to);
        var name = graph.OfType<Organisation>().ToDictionary(o => o.Id, o => o.Name);
        var tiesBefore = before.Ties.Select(t => (t.A, t.B)).ToHashSet();
        var tiesAfter = after.Ties.Select(t => (t.A, t.B)).ToHashSet();
        var betweennessBefore = ShortestPaths.Compute(before.Graph, before.Graph.NodeCount > BrokerProfiles.SampledAbove ? BrokerProfiles.Samples : null, seed).Betweenness;
        var betweennessAfter = ShortestPaths.Compute(after.Graph, after.Graph.NodeCount > BrokerProfiles.SampledAbove ? BrokerProfiles.Samples : null, seed).Betweenness;
        var changes = before.Organisations.Select((o, i) => new BrokerChange(o.Id, o.Name, betweennessBefore[i], betweennessAfter[i])).ToList();
        var gapsBefore = Gaps.Analyse(graph, before, home).SelectMany(c => c.Gaps).Select(Gaps.Describe).ToHashSet();
        var gapsAfter = Gaps.Analyse(graph, after, home).SelectMany(c => c.Gaps).Select(Gaps.Describe).ToHashSet();
        return new ChangeBetweenDates(from, to,
            tiesAfter.Except(tiesBefore).Select(t => (name[t.A], name[t.B])).ToList(),
            tiesBefore.Except(tiesAfter).Select(t => (name[t.A], name[t.B])).ToList(),
            changes.Where(c => c.After > c.Before + 1e-9).OrderByDescending(c => c.After - c.Before).Take(5).ToList(),
            changes.Where(c => c.After < c.Before - 1e-9).OrderBy(c => c.After - c.Before).Take(5).ToList(),
            gapsBefore.Except(gapsAfter).Order(StringComparer.Ordinal).ToList(),
            gapsAfter.Except(gapsBefore).Order(StringComparer.Ordinal).ToList());
    }
}
