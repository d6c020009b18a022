using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Explore;

/// <summary>The geographic view of the explorer: where the organisations are and how far their ties reach.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class MapModel(DatasetCatalog catalog, AnalysisService analysis, Places places) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "explore";

    /// <summary>"all" or empty shows every country.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    public MapView View { get; private set; } = null!;
    public IReadOnlyList<string> Countries { get; private set; } = [];

    public void OnGet()
    {
        Countries = Snapshot.Graph.OfType<Network.Analysis.Domain.City>().Select(c => c.Country).Distinct().Order(StringComparer.Ordinal).ToList();
        Country = string.IsNullOrWhiteSpace(Country) || Country.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? null : Country.Trim().ToUpperInvariant();
        View = MapView.Of(Snapshot, places.Gazetteer, Country);
    }
}
