using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Datasets;

namespace Network.Web.Pages;

public class IndexModel(DatasetCatalog catalog) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "dataset")]
    public string? DatasetName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<DatasetInfo> Datasets { get; private set; } = [];
    public DatasetInfo? Dataset { get; private set; }
    public OrganisationOverview? Overview { get; private set; }
    public IReadOnlyList<OrganisationRow> Matches { get; private set; } = [];
    public int PageCount => Math.Max(1, (Matches.Count + PageSize - 1) / PageSize);
    public IEnumerable<OrganisationRow> PageRows => Matches.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Datasets = catalog.List();
        if (Datasets.Count == 0)
            return Page();
        Dataset = catalog.FindOrFirst(DatasetName);
        if (Dataset is null)
            return NotFound();

        var graph = await catalog.Store(Dataset.Name).LoadGraphAsync(cancellationToken);
        Overview = OrganisationOverview.Of(graph);
        Matches = Overview.Filter(Kind, Query, Country);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        return Page();
    }

    public string Link(string? kind = null, int? page = null, bool keepKind = true) =>
        Url.Page("/Index", new
        {
            dataset = Dataset?.Name,
            kind = keepKind ? kind ?? Kind : kind,
            q = Query,
            country = Country,
            page = page is > 1 ? page : null,
        })!;
}
