using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Insights;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Data.Reports;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Report;

/// <summary>The board report, as the CLI writes it: read in the browser, printed to PDF, or downloaded as Markdown or HTML.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, Network.Api.Surveys.SurveyService surveys) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "report";

    [BindProperty(SupportsGet = true, Name = "compare")]
    public string? CompareText { get; set; }

    public DateOnly? CompareWith { get; private set; }
    public string? CompareError { get; private set; }
    public EcosystemReport Report { get; private set; } = null!;
    public IReadOnlyList<ReportWriter.Section> Sections { get; private set; } = [];

    public void OnGet() => Build();

    public IActionResult OnGetMarkdown()
    {
        Build();
        return File(Encoding.UTF8.GetBytes(ReportWriter.Markdown(Report)), "text/markdown; charset=utf-8", FileName("md"));
    }

    public IActionResult OnGetHtml()
    {
        Build();
        return File(Encoding.UTF8.GetBytes(ReportWriter.Html(Report)), "text/html; charset=utf-8", FileName("html"));
    }

    private void Build()
    {
        (CompareWith, CompareError) = Dates.Parse(CompareText, "Compare with");
        Report = CompareWith is { } from ? Snapshot.ReportComparedWith(from, DateOnly.FromDateTime(DateTime.UtcNow)) : Snapshot.Report;
        Report = Report with
        {
            Title = $"{Dataset.Title} — ecosystem report",
            Caveats = surveys.LowResponseNote(Dataset.Name, "broker ranks, communities and gaps may change as more answer") is { } note ? [note] : [],
        };
        Sections = ReportWriter.Sections(Report);
    }

    private string FileName(string extension) =>
        $"{Dataset.Name}-report{(AsOf is { } d ? "-" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}.{extension}";

    public string DownloadLink(string handler) =>
        DatasetLink(Section, new { handler, compare = CompareWith?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
}
