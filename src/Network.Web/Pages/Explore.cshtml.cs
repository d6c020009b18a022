using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;

namespace Network.Web.Pages;

[Authorize(Policy = Policies.Read)]
public class ExploreModel(DatasetCatalog catalog, AnalysisService analysis) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dataset")]
    public string? DatasetName { get; set; }

    /// <summary>"all" shows every country; empty picks the default (a large dataset starts with its most common country).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Focus { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Depth { get; set; } = 1;

    public DatasetInfo? Dataset { get; private set; }
    public ExploreView? View { get; private set; }
    public IReadOnlyList<string> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dataset = catalog.FindOrFirst(DatasetName);
        if (Dataset is null)
            return NotFound();
        var snapshot = await analysis.GetAsync(Dataset.Name, null, ct);
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
        View = ExploreView.Of(snapshot, Country == "all" ? null : Country, Kind, Focus, Depth);
        return Page();
    }
}
