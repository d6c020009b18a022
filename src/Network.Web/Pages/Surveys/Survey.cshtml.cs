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

    public bool SendsEmail => surveys.SendsEmail;
    public int WithAddress { get; private set; }
    public int SentCount { get; private set; }

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
            return await RefusedAsync(string.Join("; ", e.Errors.Select(x => x.Message)), cancellationToken);
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
            return await RefusedAsync(string.Join("; ", e.Errors.Select(x => x.Message)), cancellationToken);
        }
    }

    /// <summary>
    /// Addresses pasted from a spreadsheet: one organisation per line, its name or id then its address, separated by a
    /// semicolon, comma or tab; all kept or, when a line is wrong, none (the error names the line).
    /// </summary>
    public async Task<IActionResult> OnPostEmailsAsync(string? emails, CancellationToken cancellationToken)
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return NotFound();
        try
        {
            var invited = surveys.Store.Invitations(Id).Where(i => i.Revoked is null).Select(i => i.Organisation).ToList();
            var byName = invited.GroupBy(o => Name(o), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var parsed = new Dictionary<string, string?>(StringComparer.Ordinal);
            var errors = new List<ValidationError>();
            foreach (var (line, number) in (emails ?? "").Split('\n').Select((l, i) => (l.Trim(), i + 1)).Where(l => l.Item1.Length > 0).Take(10_001))
            {
                var cut = line.LastIndexOfAny([';', ',', '\t']);
                var (who, address) = cut < 0 ? ("", line) : (line[..cut].Trim().Trim('"'), line[(cut + 1)..].Trim().Trim('"'));
                var organisation = invited.Contains(who, StringComparer.Ordinal) ? who : byName.GetValueOrDefault(who);
                if (organisation is null)
                    errors.Add(new($"line {number}", "organisation", who.Length == 0 ? "give the organisation's name, then its address" : $"'{(who.Length <= 60 ? who : who[..60] + "…")}' is not an invited organisation"));
                else
                    parsed[organisation] = address;
            }
            if (errors.Count > 0)
                throw new ValidationFailedException(errors.Take(20).ToList());
            surveys.SetEmails(survey, parsed);
            return Redirect(DatasetLink($"surveys/{Id}", new { message = $"{parsed.Count} address{(parsed.Count == 1 ? "" : "es")} kept." }, keepDate: false) + "#email");
        }
        catch (ValidationFailedException e)
        {
            return await RefusedAsync(string.Join("; ", e.Errors.Select(x => $"{x.Where}: {x.Message}")), cancellationToken);
        }
    }

    /// <summary>E-mails the links (not sent yet, or a reminder to those who have not answered); says how many went and what stopped it.</summary>
    public async Task<IActionResult> OnPostSendAsync(bool notAnswered, bool notSent, CancellationToken cancellationToken)
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return NotFound();
        try
        {
            var report = await surveys.SendAsync(survey, notAnswered, notSent, token => SurveysApi.Link(HttpContext, token), cancellationToken);
            var message = $"{report.Sent} link{(report.Sent == 1 ? "" : "s")} e-mailed" +
                (report.WithoutAddress.Count > 0 ? $"; {report.WithoutAddress.Count} invited organisation{(report.WithoutAddress.Count == 1 ? " has" : "s have")} no address" : "") +
                (report.Failure is { } failure ? $"; then {failure} — e-mail the links not sent yet to continue." : ".");
            return Redirect(DatasetLink($"surveys/{Id}", new { message }, keepDate: false) + "#email");
        }
        catch (Exception e) when (e is ValidationFailedException or InvalidOperationException)
        {
            return await RefusedAsync(e is ValidationFailedException v ? string.Join("; ", v.Errors.Select(x => x.Message)) : e.Message, cancellationToken);
        }
    }

    public IActionResult OnPostClose()
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return NotFound();
        surveys.Close(survey);
        return Redirect(DatasetLink($"surveys/{Id}", new { message = "The survey is closed; its links no longer take answers." }, keepDate: false));
    }

    /// <summary>The dashboard again with what was refused above it (400); nothing was changed.</summary>
    private async Task<IActionResult> RefusedAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (surveys.Store.Find(Dataset.Name, Id) is not { } survey)
            return false;
        Survey = survey;
        Progress = await surveys.ProgressAsync(survey, cancellationToken);
        Answers = surveys.Store.Answers(survey.Id);
        var live = surveys.Store.Invitations(survey.Id).Where(i => i.Revoked is null).ToList();
        (WithAddress, SentCount) = (live.Count(i => i.Email is not null), live.Count(i => i.Sent is not null));
        var pairs = Answers.SelectMany(a => a.Answer.Partners.Select(p => (a.Organisation, p.Organisation))).ToHashSet();
        Unconfirmed = [.. pairs.Where(p => !pairs.Contains((p.Item2, p.Item1))).OrderBy(p => Name(p.Item1), StringComparer.CurrentCulture)];
        Earlier = surveys.Store.List(Dataset.Name).LastOrDefault(s => s.Created < survey.Created);
        if (Earlier is not null)
            Changes = surveys.Compare(Earlier, survey);
        return true;
    }
}
