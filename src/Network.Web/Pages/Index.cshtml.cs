using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages;

/// <summary>"/" opens the dataset used last on this browser, else the first; the old "/?dataset=…" links redirect.</summary>
public class IndexModel(DatasetCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dataset")]
    public string? DatasetName { get; set; }

    public IActionResult OnGet()
    {
        var query = Request.Query;
        if (DatasetName is not null)
        {
            if (catalog.Find(DatasetName) is null)
                return NotFound();
            // The old first page listed organisations with filters; those now have their own page.
            var list = query.ContainsKey("kind") || query.ContainsKey("q") || query.ContainsKey("country") || query.ContainsKey("page");
            var rest = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(query.Where(q => q.Key != "dataset")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
            return RedirectPermanent($"/datasets/{Uri.EscapeDataString(DatasetName)}{(list ? "/organisations" : "")}{rest.ToQueryString()}");
        }
        // The dataset used last, else the first this visitor may read; a stranger on a private server signs in first.
        var readable = catalog.List().Where(d => Network.Api.Auth.AuthSetup.MayRead(HttpContext, User, d.Name)).ToList();
        var last = Request.Cookies[DatasetPageModel.LastDatasetCookie];
        var dataset = readable.FirstOrDefault(d => d.Name == last) ?? readable.FirstOrDefault();
        if (dataset is null && catalog.List().Count > 0 && User.Identity?.IsAuthenticated != true)
            return Redirect("/account/login?returnUrl=%2F");
        return dataset is null ? Page() : Redirect($"/datasets/{Uri.EscapeDataString(dataset.Name)}");
    }
}
