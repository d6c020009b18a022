using Microsoft.AspNetCore.Authorization;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.ValueChain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Overview;

/// <summary>The dashboard of one dataset: counts, top brokers, communities, the worst gaps and single points of failure.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "";

    public OrganisationOverview Overview { get; private set; } = null!;
    public IReadOnlyList<BrokerProfile> TopBrokers { get; private set; } = [];
    public IReadOnlyList<BrokerProfile> TopPeople { get; private set; } = [];
    public IReadOnlyList<CommunitySummary> Communities { get; private set; } = [];
    public IReadOnlyList<SectorChain> Chains { get; private set; } = [];
    public IReadOnlyList<(Gap Gap, string Text)> WorstGaps { get; private set; } = [];
    public IReadOnlyList<SinglePointOfFailure> Fragile { get; private set; } = [];
    public int Ties { get; private set; }
    public int Components { get; private set; }

    /// <summary>The countries the organisations sit in, and the ties that cross a border, most first.</summary>
    public IReadOnlyList<(string Country, int Organisations)> Countries { get; private set; } = [];
    public IReadOnlyList<(string A, string B, int Ties)> BorderTies { get; private set; } = [];

    public IReadOnlyList<Network.Data.Storage.ChangeEntry> LatestChanges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        LatestChanges = await Catalog.Store(Dataset.Name).GetChangesAsync(new Network.Data.Storage.ChangeQuery(Limit: 5), cancellationToken);
        Overview = OrganisationOverview.For(Snapshot);
        TopBrokers = Snapshot.BrokersSoFar.Where(b => b.Label == nameof(NodeLabel.Organisation)).Take(5).ToList();
        TopPeople = Snapshot.BrokersSoFar.Where(b => b.Label == nameof(NodeLabel.Person) && b.OpenPairs > 0).Take(3).ToList();
        Communities = CommunitySummary.Of(Snapshot, withConsensus: false);
        Chains = Snapshot.Chains(null);
        WorstGaps = Words.WorstGaps(Chains).Take(6).ToList();
        Fragile = Snapshot.SinglePointsOfFailure.Take(5).ToList();
        Ties = Snapshot.Organisations.Graph.EdgeCount;
        Components = Snapshot.Components.Distinct().Count();
        // Counted once per data version (ties across borders: a pass over every tie).
        (Countries, BorderTies) = Snapshot.Cached("countries and border ties", () =>
        {
            var country = Snapshot.Actors.Actors.Where(a => a.Label == NodeLabel.Organisation && a.Country is not null).ToDictionary(a => a.Id, a => a.Country!);
            var countries = country.Values.GroupBy(c => c).Select(g => (g.Key, g.Count())).OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
            var borderTies = Snapshot.Organisations.Ties
                .Where(t => country.TryGetValue(t.A, out var a) && country.TryGetValue(t.B, out var b) && a != b)
                .GroupBy(t => string.CompareOrdinal(country[t.A], country[t.B]) < 0 ? (country[t.A], country[t.B]) : (country[t.B], country[t.A]))
                .Select(g => (g.Key.Item1, g.Key.Item2, g.Count())).OrderByDescending(x => x.Item3).ThenBy(x => x.Item1, StringComparer.Ordinal).ToList();
            return new CountryMix(countries, borderTies);
        });
    }
}

/// <summary>Organisations per country and ties across each pair of countries, as the overview shows them.</summary>
internal sealed record CountryMix(IReadOnlyList<(string Country, int Organisations)> Countries, IReadOnlyList<(string A, string B, int Ties)> BorderTies);
