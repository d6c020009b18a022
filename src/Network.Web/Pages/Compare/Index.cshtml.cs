using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Compare;

/// <summary>The network over time: agreements in force per year, and what changed between two dates.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, Network.Api.Surveys.SurveyService surveys) : DatasetPageModel(catalog, analysis)
{
    /// <summary>Each survey after the first against the one before it: ties that appeared, ended, got stronger or weaker.</summary>
    public IReadOnlyList<(Network.Data.Surveys.Survey Earlier, Network.Data.Surveys.Survey Later, int Appeared, int Ended, int Stronger, int Weaker)> SurveyChanges =>
        _surveyChanges ??= CompareSurveys();

    private IReadOnlyList<(Network.Data.Surveys.Survey, Network.Data.Surveys.Survey, int, int, int, int)>? _surveyChanges;

    private IReadOnlyList<(Network.Data.Surveys.Survey, Network.Data.Surveys.Survey, int, int, int, int)> CompareSurveys()
    {
        var list = surveys.Store.List(Dataset.Name);
        return [.. list.Zip(list.Skip(1)).Select(pair =>
        {
            var changes = surveys.Compare(pair.First, pair.Second);
            return (pair.First, pair.Second, changes.Count(c => c.Before is null), changes.Count(c => c.After is null),
                changes.Count(c => c.After > c.Before), changes.Count(c => c.After < c.Before));
        })];
    }

    public override string Section => "compare";

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? ToText { get; set; }

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public ChangeBetweenDates? Change { get; private set; }
    public IReadOnlyList<Agreement> Started { get; private set; } = [];
    public IReadOnlyList<Agreement> Ended { get; private set; } = [];
    public IReadOnlyList<(int Year, int InForce, int Signed)> Years { get; private set; } = [];

    public void OnGet()
    {
        var agreements = Snapshot.Graph.OfType<Agreement>().ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var errors = new List<string>();
        DateOnly? Parse(string? text, string field)
        {
            var (date, error) = Dates.Parse(text, field);
            if (error is not null)
                errors.Add(error + ".");
            return date;
        }
        To = Parse(ToText, "To") ?? today;
        From = Parse(FromText, "From") ?? To.AddYears(-3);
        if (From > To)
        {
            errors.Add("From is after To: the dates were swapped.");
            (From, To) = (To, From);
        }
        Errors = errors;
        Change = Snapshot.Compare(From, To);
        Started = agreements.Where(a => a.IsValidOn(To) && !a.IsValidOn(From)).OrderBy(a => a.Title, StringComparer.OrdinalIgnoreCase).ToList();
        Ended = agreements.Where(a => a.IsValidOn(From) && !a.IsValidOn(To)).OrderBy(a => a.Title, StringComparer.OrdinalIgnoreCase).ToList();

        // Agreements in force on 1 July of each year, over the span the data covers (at most 40 years).
        var dated = agreements.SelectMany(a => new[] { a.SignedOn, a.ValidFrom, a.ValidTo }).OfType<DateOnly>().Where(d => d <= today.AddYears(10)).ToList();
        if (dated.Count > 0)
        {
            var first = Math.Max(dated.Min().Year, today.Year - 40);
            var last = Math.Min(Math.Max(dated.Max().Year, today.Year), first + 40);
            Years = Enumerable.Range(first, last - first + 1)
                .Select(y => (y, agreements.Count(a => a.IsValidOn(new DateOnly(y, 7, 1))), agreements.Count(a => (a.SignedOn ?? a.ValidFrom)?.Year == y)))
                .ToList();
        }
    }
}
