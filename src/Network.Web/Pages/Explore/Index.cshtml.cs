using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Explore;

[Authorize(Policy = Policies.Read)]
public sealed class ExploreModel(DatasetCatalog catalog, AnalysisService analysis) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "explore";

    /// <summary>"all" shows every country; empty picks the default (a large dataset starts with its most common country).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Focus { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Depth { get; set; } = 1;

    public ExploreView View { get; private set; } = null!;
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public string? FocusName { get; private set; }

    public void OnGet()
    {
        var snapshot = Snapshot;
        Countries = snapshot.Actors.Actors.Where(a => a.Label == Network.Analysis.Domain.NodeLabel.Organisation && a.Country is not null)
            .Select(a => a.Country!).Distinct().Order(StringComparer.Ordinal).ToList();
        // A large dataset opens on its centre's country: that of the best-connected organisation (KU Leuven's BE for CORDIS).
        if (string.IsNullOrEmpty(Country) && snapshot.Organisations.Graph.NodeCount > ExploreView.LargeDataset)
        {
            var graph = snapshot.Organisations.Graph;
            Country = Enumerable.Range(0, graph.NodeCount).OrderByDescending(graph.Degree)
                .Select(v => snapshot.Actors.Actors[v].Country).FirstOrDefault(c => c is not null);
        }
        Depth = Math.Clamp(Depth, 1, 2);
        FocusName = Focus is null ? null : snapshot.NodesById.GetValueOrDefault(Focus)?.DisplayName;
        View = ExploreView.Of(snapshot, Country == "all" ? null : Country, Kind, Focus, Depth);
    }
}

/// <summary>The explorer's old address, /explore?dataset=…, now /datasets/{dataset}/explore.</summary>
public sealed class LegacyExploreModel(DatasetCatalog catalog) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public IActionResult OnGet(string? dataset)
    {
        var target = catalog.FindOrFirst(dataset);
        if (target is null)
            return NotFound();
        var rest = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Request.Query.Where(q => q.Key != "dataset")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        return RedirectPermanent($"/datasets/{Uri.EscapeDataString(target.Name)}/explore{rest.ToQueryString()}");
    }
}
