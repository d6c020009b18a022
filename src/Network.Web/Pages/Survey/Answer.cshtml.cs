using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Surveys;
using Network.Data.Surveys;

namespace Network.Web.Pages.Survey;

/// <summary>One partner row of the form: the chosen organisation's id (or only its typed name), the kinds, strength, since.</summary>
public sealed class PartnerRow
{
    public string? Organisation { get; set; }
    public string? Name { get; set; }
    public List<string> Kinds { get; set; } = [];
    public int Strength { get; set; } = 3;
    public DateOnly? Since { get; set; }
    public string? Contact { get; set; }
}

public sealed class NewPartnerRow
{
    public string? Name { get; set; }
    public string? City { get; set; }
}

/// <summary>
/// /survey/{token}: the respondent's page. No account: the link is the credential. Shows the survey's roster names and
/// nothing else of the data; keeps what they answered last time; answers in English or Dutch.
/// </summary>
[EnableRateLimiting(AuthSetup.RateSurvey)]
public sealed class AnswerModel(SurveyService surveys, AnalysisService analysis) : PageModel
{
    public const int BlankRows = 3;

    [FromRoute]
    public string Token { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "lang")]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Done { get; set; }

    [BindProperty]
    public List<PartnerRow> Partners { get; set; } = [];

    [BindProperty]
    public List<NewPartnerRow> NewPartners { get; set; } = [];

    [BindProperty]
    public List<string> Sectors { get; set; } = [];

    [BindProperty]
    public List<string> Stages { get; set; } = [];

    [BindProperty]
    public List<string> Events { get; set; } = [];

    public SurveyWords Words { get; private set; } = new("en");
    public TokenState State { get; private set; }
    public Respondent? Respondent { get; private set; }
    public IReadOnlyList<(string Id, string Name)> AllSectors { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> AllEvents { get; private set; } = [];
    public IReadOnlyList<ValidationError> Problems { get; private set; } = [];

    public string RosterUrl => $"/api/survey/{Uri.EscapeDataString(Token)}/roster";

    public string Self(string? language = null, bool done = false) =>
        $"/survey/{Uri.EscapeDataString(Token)}?lang={language ?? Words.Language}" + (done ? "&done=true" : "");

    private async Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        Words = new SurveyWords(Lang ?? (Request.Headers.AcceptLanguage.ToString().StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? "nl" : "en"));
        (State, Respondent) = await surveys.OpenAsync(Token, cancellationToken);
        if (Respondent is null)
        {
            Response.StatusCode = State == TokenState.Closed ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
            return false;
        }
        var snapshot = await analysis.GetAsync(Respondent.Survey.Dataset, null, cancellationToken);
        AllSectors = [.. snapshot.Graph.Nodes.OfType<Sector>().Select(s => (s.Id, s.DisplayName)).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture)];
        AllEvents = Respondent.Survey.AskEvents
            ? [.. snapshot.Graph.Nodes.OfType<Event>().OrderByDescending(e => e.Date).Take(50).Select(e => (e.Id, e.DisplayName))]
            : [];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
            return Page();
        var snapshot = await analysis.GetAsync(Respondent!.Survey.Dataset, null, cancellationToken);
        var organisation = Respondent.Organisation;
        if (Respondent.LastAnswer is { Answer: var last })
        {
            Partners = [.. last.Partners.Select(p => new PartnerRow
            {
                Organisation = p.Organisation, Name = snapshot.NodesById.GetValueOrDefault(p.Organisation)?.DisplayName ?? p.Organisation,
                Kinds = [.. p.Kinds], Strength = p.Strength, Since = p.Since, Contact = p.Contact,
            })];
            NewPartners = [.. last.NewPartners.Select(p => new NewPartnerRow { Name = p.Name, City = p.City })];
            Sectors = [.. last.Sectors];
            Stages = [.. last.Stages];
            Events = [.. last.Events];
        }
        else
        {
            // Pre-filled from the data, to confirm or change.
            var activeIn = snapshot.Graph.Relationships.Where(r => r.Type == RelationshipType.ActiveIn && r.From == organisation.Id).ToList();
            Sectors = [.. activeIn.Select(r => r.To).Distinct()];
            Stages = [.. activeIn.SelectMany(r => r.Stages).Concat(organisation.Stages).Distinct().Where(s => Vocabulary.IsOneOf(Vocabulary.Stages, s))];
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
            return Page();
        var snapshot = await analysis.GetAsync(Respondent!.Survey.Dataset, null, cancellationToken);
        var organisations = snapshot.Graph.Nodes.OfType<Organisation>().ToList();
        var named = new List<PartnerAnswer>();
        var newPartners = NewPartners.Where(p => !string.IsNullOrWhiteSpace(p.Name)).Select(p => new NewPartner(p.Name!.Trim(), string.IsNullOrWhiteSpace(p.City) ? null : p.City.Trim())).ToList();
        foreach (var row in Partners.Where(r => !string.IsNullOrWhiteSpace(r.Organisation) || !string.IsNullOrWhiteSpace(r.Name)))
        {
            var id = row.Organisation;
            if (string.IsNullOrWhiteSpace(id))
            {
                // Typed without picking (no script): the name is taken when it is an organisation's name exactly,
                // otherwise it is a partner not in the list.
                var typed = Network.Analysis.Text.NameSearch.Normalise(row.Name!);
                var exact = organisations.Where(o => Network.Analysis.Text.NameSearch.NamesOf(o).Any(n => Network.Analysis.Text.NameSearch.Normalise(n) == typed)).Take(2).ToList();
                if (exact.Count != 1)
                {
                    newPartners.Add(new NewPartner(row.Name!.Trim(), null));
                    continue;
                }
                id = exact[0].Id;
            }
            named.Add(new PartnerAnswer(id!, row.Kinds, row.Strength, row.Since, string.IsNullOrWhiteSpace(row.Contact) ? null : row.Contact.Trim()));
        }
        try
        {
            await surveys.AnswerAsync(Respondent, new SurveyAnswer(named, Sectors, Stages, newPartners, Events), cancellationToken);
        }
        catch (ValidationFailedException e)
        {
            Problems = e.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Pad();
            return Page();
        }
        return Redirect(Self(done: true));
    }

    /// <summary>Blank rows after the named partners, so a page without script can name a few more.</summary>
    private void Pad()
    {
        for (var i = 0; i < BlankRows; i++)
            Partners.Add(new PartnerRow());
        while (NewPartners.Count < 2)
            NewPartners.Add(new NewPartnerRow());
    }
}
