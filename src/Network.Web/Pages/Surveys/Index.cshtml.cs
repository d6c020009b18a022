using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Surveys;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Surveys;

/// <summary>The dataset's member surveys: open a new one, see how each is going.</summary>
[Authorize(Policy = Policies.Edit)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, SurveyService surveys, TimeProvider clock) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "surveys";

    protected override bool LiveContent => false;

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Introduction { get; set; }

    [BindProperty]
    public DateOnly? Closes { get; set; }

    [BindProperty]
    public bool AskContacts { get; set; }

    [BindProperty]
    public bool AskEvents { get; set; }

    public IReadOnlyList<SurveyProgress> Surveys { get; private set; } = [];
    public IReadOnlyList<ValidationError> Problems { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Closes ??= Today.AddDays(21);
        Introduction ??= "Leuven MindGate maps who works with whom in the region, so that members find partners and gaps in value chains are closed. "
            + "Please name the organisations you work with. It takes about five minutes.";
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Closes is not { } closes)
                throw new ValidationFailedException([new("survey", "closes", "is required")]);
            var survey = surveys.Create(Dataset.Name, Name.Trim(), Introduction, closes, AskContacts, AskEvents, User.UserName());
            return Redirect(DatasetLink($"surveys/{survey.Id}", keepDate: false));
        }
        catch (ValidationFailedException e)
        {
            Problems = e.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<SurveyProgress>();
        foreach (var survey in surveys.Store.List(Dataset.Name).Reverse())
            list.Add(await surveys.ProgressAsync(survey, cancellationToken));
        Surveys = list;
    }
}
