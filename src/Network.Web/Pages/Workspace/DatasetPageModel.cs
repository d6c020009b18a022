using Network.Analysis;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;

namespace Network.Web.Pages.Workspace;

/// <summary>What the layout needs to draw the header of a dataset's page: the dataset, the others, and which page this is.</summary>
/// <param name="Readiness">How far the background analysis of the dataset's current version has come (shown while it runs).</param>
public sealed record WorkspaceHeader(DatasetInfo Dataset, IReadOnlyList<DatasetInfo> Datasets, string Section, long Version, bool Live, string? Record, bool Editing, AnalysisService.Readiness? Readiness = null);

/// <summary>
/// A page of one dataset: /datasets/{dataset}/…. Finds the dataset (404 when unknown), reads the as-of date
/// (?asOf=yyyy-mm-dd, a field error when malformed), remembers the dataset for "/" and fills the header.
/// </summary>
public abstract class DatasetPageModel(DatasetCatalog catalog, AnalysisService analysis) : PageModel
{
    public const string LastDatasetCookie = "network-dataset";

    [FromRoute(Name = "dataset")]
    public string DatasetName { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfText { get; set; }

    public DateOnly? AsOf { get; private set; }

    public string? AsOfError { get; private set; }

    public DatasetInfo Dataset { get; private set; } = null!;

    /// <summary>The analysis of this dataset at the as-of date (today's data when none).</summary>
    public AnalysisSnapshot Snapshot { get; private set; } = null!;

    /// <summary>The path segment after the dataset ("" for the overview, "brokers", "organisations"…); the switcher keeps it.</summary>
    public abstract string Section { get; }

    /// <summary>Pages whose content is replaced when a colleague's edit is analysed; forms only show a notice.</summary>
    protected virtual bool LiveContent => true;

    /// <summary>The record this page shows, for presence ("who is looking at or editing it").</summary>
    protected virtual string? PresenceRecord => null;

    /// <summary>Whether this page is a form that edits <see cref="PresenceRecord"/>.</summary>
    protected virtual bool PresenceEditing => false;

    protected DatasetCatalog Catalog { get; } = catalog;

    protected AnalysisService Analysis { get; } = analysis;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Catalog.Find(DatasetName) is not { } dataset)
        {
            context.Result = NotFound();
            return;
        }
        Dataset = dataset;
        var (asOf, error) = Dates.Parse(AsOfText, "As of");
        AsOf = asOf;
        AsOfError = error is null ? null : error + ". Showing today's network.";
        Snapshot = await Analysis.GetAsync(dataset.Name, AsOf, HttpContext.RequestAborted);
        Response.Cookies.Append(LastDatasetCookie, dataset.Name, new Microsoft.AspNetCore.Http.CookieOptions
        {
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        var readiness = AsOf is null ? Analysis.ReadinessOf(dataset.Name, Snapshot.Version) : await Analysis.ReadinessAsync(dataset.Name, HttpContext.RequestAborted);
        var readable = Catalog.List().Where(d => Network.Api.Auth.AuthSetup.MayRead(HttpContext, User, d.Name)).ToList();
        ViewData[nameof(WorkspaceHeader)] = new WorkspaceHeader(dataset, readable, Section, Snapshot.Version, LiveContent, PresenceRecord, PresenceEditing, readiness);
        ViewData["AsOf"] = AsOf;
        await next();
    }

    /// <summary>A link to a page of this dataset, keeping the as-of date unless told otherwise.</summary>
    public string DatasetLink(string section = "", object? query = null, bool keepDate = true)
    {
        var path = $"/datasets/{Uri.EscapeDataString(Dataset.Name)}" + (section.Length == 0 ? "" : "/" + section);
        var values = new List<KeyValuePair<string, string>>();
        if (keepDate && AsOf is { } date)
            values.Add(new("asOf", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (query is not null)
        {
            foreach (var property in query.GetType().GetProperties())
            {
                var value = property.GetValue(query);
                if (value is not null && value.ToString() is { Length: > 0 } text)
                    values.Add(new(property.Name, text));
            }
        }
        return path + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values).ToQueryString();
    }

    /// <summary>The page of one record of this dataset.</summary>
    /// <summary>Whether the signed-in person may change this dataset (an editor for it, or an admin).</summary>
    public bool CanEdit => User.CanEdit(Dataset.Name);

    public string RecordLink(string id) => RecordKinds.Link(Dataset.Name, Snapshot.NodesById.GetValueOrDefault(id)?.Label, id);
}
