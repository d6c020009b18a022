using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Surveys;
using Network.Data.Surveys;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Surveys;

/// <summary>One survey's dashboard: invite, download links, who has not answered, the ties the answers made.</summary>
[Authorize(Policy = Policies.Edit)]
public sealed class SurveyModel(DatasetCatalog catalog, AnalysisService analysis, SurveyService surveys) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "surveys";

    protected override bool LiveContent => false;

    [FromRoute]
    public string Id { get; set; } = "";

    public Data.Surveys.Survey Survey { get; private set; } = null!;
    public SurveyProgress Progress { get; private set; } = null!;
    public IReadOnlyList<AnswerRecord> Answers { get; private set; } = [];
    public IReadOnlyList<(string From, string To, int? Before, int? After)> Changes { get; private set; } = [];
    public Data.Surveys.Survey? Earlier { get; private set; }
    public IReadOnlyList<(string Respondent, string Partner)> Unconfirmed { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public string Name(string id) => Snapshot.NodesById.GetValueOrDefault(id)?.DisplayName ?? id;

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostInviteAsync(string? organisation, string? organisationName, bool everyMember, CancellationToken cancellationToken)
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return NotFound();
        try
        {
            // Typed without picking from the list (no script): the best match of the same search.
            if (string.IsNullOrWhiteSpace(organisation) && !string.IsNullOrWhiteSpace(organisationName))
                organisation = Network.Analysis.Text.NameSearch.Find(Snapshot.Graph.Nodes.OfType<Organisation>(), organisationName).FirstOrDefault()?.Id;
            if (!everyMember && string.IsNullOrWhiteSpace(organisation))
                throw new ValidationFailedException([new("invitation", "organisation", "choose an organisation from the list, or invite every member")]);
            var invited = await surveys.InviteAsync(survey, everyMember ? null : [organisation!], cancellationToken);
            return Redirect(DatasetLink($"surveys/{Id}", new { message = $"{invited.Count} organisation{(invited.Count == 1 ? " has its" : "s have their")} link; download the links for your mail merge." }, keepDate: false));
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join("; ", e.Errors.Select(x => x.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public IActionResult OnPostRevoke(string organisation) =>
        surveys.Store.Find(Dataset.Name, Id) is null ? NotFound()
            : Redirect(DatasetLink($"surveys/{Id}", new { message = surveys.Store.Revoke(Id, organisation) ? $"The link of {Name(organisation)} is withdrawn." : "That link was withdrawn already." }, keepDate: false));

    /// <summary>A partner named outside the list that entity resolution finds in the dataset: its tie is recorded with the survey as source.</summary>
    public async Task<IActionResult> OnPostLinkAsync(string respondent, string name, string organisation, CancellationToken cancellationToken)
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return NotFound();
        try
        {
            await surveys.LinkAsync(survey, respondent, name, organisation, new Network.Api.Editing.Author(User.UserName(), "survey link"), cancellationToken);
            return Redirect(DatasetLink($"surveys/{Id}", new { message = $"{Name(respondent)} and {Name(organisation)} are now partners, with '{name}' and the survey as the source." }, keepDate: false));
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join("; ", e.Errors.Select(x => x.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public IActionResult OnPostClose()
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return NotFound();
        surveys.Close(survey);
        return Redirect(DatasetLink($"surveys/{Id}", new { message = "The survey is closed; its links no longer take answers." }, keepDate: false));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return false;
        Survey = survey;
        Progress = await surveys.ProgressAsync(survey, cancellationToken);
        Answers = surveys.Store.Answers(survey.Id);
        var pairs = Answers.SelectMany(a => a.Answer.Partners.Select(p => (a.Organisation, p.Organisation))).ToHashSet();
        Unconfirmed = [.. pairs.Where(p => !pairs.Contains((p.Item2, p.Item1))).OrderBy(p => Name(p.Item1), StringComparer.CurrentCulture)];
        Earlier = surveys.Store.List(Dataset.Name).LastOrDefault(s => s.Created < survey.Created);
        if (Earlier is not null)
            Changes = surveys.Compare(Earlier, survey);
        return true;
    }
}
