using Network.Analysis.Domain;
using Network.Analysis.Text;

namespace Network.Web.Pages.Workspace;

public sealed record OrganisationRow(
    string Id, string Name, string Kind, string? City, string? Country,
    IReadOnlyList<string> Sectors, IReadOnlyList<string> Stages, bool Member, string Source, Organisation Record);

/// <summary>What the first page shows of a dataset: counts per label and per organisation kind, and the organisations.</summary>
public sealed record OrganisationOverview(
    IReadOnlyList<(NodeLabel Label, int Count)> NodeCounts,
    int RelationshipCount,
    IReadOnlyList<(string Kind, int Count)> KindCounts,
    IReadOnlyList<OrganisationRow> Organisations,
    long Version)
{
    public int OrganisationCount => Organisations.Count;

    public int LargestKindCount => KindCounts.Count == 0 ? 0 : KindCounts.Max(k => k.Count);

    public static string Noun(NodeLabel label, int count) => (label, count == 1) switch
    {
        (NodeLabel.Person, true) => "person",
        (NodeLabel.Person, false) => "people",
        (NodeLabel.City, false) => "cities",
        (_, true) => label.ToString().ToLowerInvariant(),
        _ => label.ToString().ToLowerInvariant() + "s",
    };

    /// <summary>The overview of a snapshot's data, made once per data version (50,000 organisations took 0.5 s a request).</summary>
    public static OrganisationOverview For(Network.Analysis.AnalysisSnapshot snapshot) => snapshot.Cached("organisation overview", () => Of(snapshot.Graph));

    public static OrganisationOverview Of(NetworkGraph graph)
    {
        var byId = graph.NodesById();
        var cityOf = graph.OfType(RelationshipType.LocatedIn)
            .Where(r => byId.TryGetValue(r.To, out var n) && n is City)
            .GroupBy(r => r.From)
            .ToDictionary(g => g.Key, g => (City)byId[g.First().To]);

        var rows = graph.OfType<Organisation>()
            .Select(o =>
            {
                var city = cityOf.GetValueOrDefault(o.Id);
                var sectors = o.Sectors.Select(s => byId.TryGetValue(s, out var n) ? n.DisplayName : s).ToList();
                return new OrganisationRow(o.Id, o.Name, o.Kind, city?.Name, city?.Country ?? o.Country, sectors, o.Stages, o.Member, o.Source, o);
            })
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var kinds = Vocabulary.OrganisationKinds
            .Select(k => (k, rows.Count(r => r.Kind == k)))
            .ToList();
        var labels = Enum.GetValues<NodeLabel>()
            .Select(l => (l, graph.Nodes.Count(n => n.Label == l)))
            .ToList();
        return new OrganisationOverview(labels, graph.Relationships.Count, kinds, rows, graph.Version);
    }

    public IReadOnlyList<string> Countries => Organisations.Select(r => r.Country).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The rows of a kind and country matching a search (<see cref="NameSearch"/>; also by city), best match first.</summary>
    public IReadOnlyList<OrganisationRow> Filter(string? kind, string? query, string? country = null)
    {
        var rows = Organisations
            .Where(r => string.IsNullOrEmpty(kind) || r.Kind == kind)
            .Where(r => string.IsNullOrEmpty(country) || r.Country == country);
        if (string.IsNullOrWhiteSpace(query))
            return rows.ToList();
        var city = NameSearch.Normalise(query);
        return rows.Select(r => (Row: r, Rank: NameSearch.Rank(r.Record, query) ?? (r.City is { } c && NameSearch.Normalise(c).Contains(city, StringComparison.Ordinal) ? 6 : null)))
            .Where(x => x.Rank is not null)
            .OrderBy(x => x.Rank).ThenBy(x => x.Row.Name.Length).ThenBy(x => x.Row.Name, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Row).ToList();
    }
}
