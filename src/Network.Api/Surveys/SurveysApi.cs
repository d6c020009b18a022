using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Auth;
using Network.Api.Http;
using Network.Api.Nodes;
using Network.Data.Formats;
using Network.Data.Surveys;

namespace Network.Api.Surveys;

public sealed record CreateSurvey(string? Name, DateOnly? Closes, string? Introduction, bool AskContacts = false, bool AskEvents = false);

public sealed record SurveyCreated(string Id, string Name, DateOnly Closes);

/// <param name="Emails">Optionally, where to e-mail each organisation's link (organisation id → address).</param>
public sealed record InviteRequest(IReadOnlyList<string>? Organisations, IReadOnlyDictionary<string, string?>? Emails = null);

public sealed record EmailsRequest(IReadOnlyDictionary<string, string?>? Emails);

/// <param name="NotAnswered">Only to those who have not answered (a reminder).</param>
/// <param name="NotSent">Only links not e-mailed before.</param>
public sealed record SendRequest(bool NotAnswered = false, bool NotSent = false);

public sealed record InvitationLink(string Organisation, string Name, string Link, bool Answered, string? Email = null, DateTimeOffset? Sent = null);

public sealed record GroupRate(string Group, int Invited, int Answered);

public sealed record SurveyView(string Id, string Name, DateOnly Closes, bool Closed, int Invited, int Answered, double ResponseRate,
    IReadOnlyList<GroupRate> ByKind, IReadOnlyList<GroupRate> BySector, IReadOnlyList<string> NotAnswered, int ConfirmedTies, int UnconfirmedTies);

public sealed record RosterEntry(string Id, string Name);

public sealed record AnswerTaken(string Organisation, DateTimeOffset Answered, int Partners);

/// <summary>
/// The member survey over HTTP. Editors run surveys under /api/datasets/{dataset}/surveys; a respondent's only
/// credential is the token in their link (/api/survey/{token}): unknown or revoked 404, closed 410, rate-limited per
/// address, and it can change nothing but that organisation's own answer.
/// </summary>
public static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/datasets/{dataset}/surveys", "Surveys").RequireAuthorization(Policies.Edit);

        group.MapPost("/", Results<Created<SurveyCreated>, ProblemHttpResult> (string dataset, CreateSurvey request, HttpContext context, SurveyService surveys) =>
        {
            if (request.Closes is not { } closes)
                throw new ValidationFailedException([new("survey", "closes", "is required (yyyy-mm-dd)")]);
            var survey = surveys.Create(dataset, request.Name ?? "", request.Introduction, closes, request.AskContacts, request.AskEvents, context.User.UserName());
            return TypedResults.Created($"/api/datasets/{dataset}/surveys/{survey.Id}", new SurveyCreated(survey.Id, survey.Name, survey.Closes));
        }).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("CreateSurvey").WithSummary("Open a member survey: a name and the last day answers are taken");

        group.MapGet("/", (string dataset, SurveyService surveys) =>
            TypedResults.Ok(surveys.Store.List(dataset).Select(s => new SurveyCreated(s.Id, s.Name, s.Closes)).ToList()))
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("ListSurveys").WithSummary("The dataset's surveys, oldest first");

        group.MapGet("/{id}", async Task<Results<Ok<SurveyView>, ProblemHttpResult>> (string dataset, string id, SurveyService surveys, CancellationToken ct) =>
        {
            if (surveys.Store.Find(dataset, id) is not { } survey)
                return Missing.Answer($"No survey '{id}' in dataset '{dataset}'.");
            var p = await surveys.ProgressAsync(survey, ct);
            return TypedResults.Ok(new SurveyView(survey.Id, survey.Name, survey.Closes, p.Closed, p.Invited, p.Answered, p.ResponseRate,
                [.. p.ByKind.Select(g => new GroupRate(g.Group, g.Invited, g.Answered))], [.. p.BySector.Select(g => new GroupRate(g.Group, g.Invited, g.Answered))],
                [.. p.NotAnswered.Select(i => i.Organisation)], p.ConfirmedTies, p.UnconfirmedTies));
        }).Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("GetSurvey").WithSummary("How a survey is going: invited, answered, response rates by kind and sector, who has not answered, confirmed and unconfirmed ties");

        group.MapPost("/{id}/invitations", async Task<Results<Created<List<InvitationLink>>, ProblemHttpResult>> (string dataset, string id, InviteRequest request, HttpContext context, SurveyService surveys, CancellationToken ct) =>
        {
            if (surveys.Store.Find(dataset, id) is not { } survey)
                return Missing.Answer($"No survey '{id}' in dataset '{dataset}'.");
            if (request.Organisations is { Count: > 10_000 })
                throw new ValidationFailedException([new("invitation", "organisations", "at most 10,000 organisations at once")]);
            var invited = await surveys.InviteAsync(survey, request.Organisations, ct);
            if (request.Emails is { Count: > 0 } emails)
            {
                surveys.SetEmails(survey, emails);
                var byToken = surveys.Store.Invitations(id).ToDictionary(i => i.Token, StringComparer.Ordinal);
                invited = [.. invited.Select(i => byToken.GetValueOrDefault(i.Token) ?? i)];
            }
            return TypedResults.Created($"/api/datasets/{dataset}/surveys/{id}", await LinksAsync(surveys, survey, invited, context, ct));
        }).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("InviteToSurvey").WithSummary("Invite organisations (none named: every member); one personal link each");

        group.MapGet("/{id}/invitations", async Task<Results<Ok<List<InvitationLink>>, ProblemHttpResult>> (string dataset, string id, HttpContext context, SurveyService surveys, CancellationToken ct) =>
            surveys.Store.Find(dataset, id) is not { } survey ? Missing.Answer($"No survey '{id}' in dataset '{dataset}'.")
                : TypedResults.Ok(await LinksAsync(surveys, survey, surveys.Store.Invitations(id).Where(i => i.Revoked is null).ToList(), context, ct)))
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("ListSurveyInvitations").WithSummary("Every live invitation with its link and whether it was answered");

        group.MapGet("/{id}/invitations.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string dataset, string id, bool? notAnswered, HttpContext context, SurveyService surveys, CancellationToken ct) =>
        {
            if (surveys.Store.Find(dataset, id) is not { } survey)
                return Missing.Answer($"No survey '{id}' in dataset '{dataset}'.");
            var links = await LinksAsync(surveys, survey, surveys.Store.Invitations(id).Where(i => i.Revoked is null).ToList(), context, ct);
            using var csv = new StringWriter(CultureInfo.InvariantCulture);
            CsvBundle.Write(csv, ["organisation", "name", "email", "link", "answered"],
                links.Where(l => notAnswered != true || !l.Answered).Select(l => new[] { l.Organisation, l.Name, l.Email ?? "", l.Link, l.Answered ? "yes" : "no" }));
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
                $"{survey.Name.Replace('"', '\'')} links.csv");
        }).Produces(StatusCodes.Status200OK, contentType: "text/csv").Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("DownloadSurveyLinks").WithSummary("The links as CSV for a mail merge (?notAnswered=true: only those who have not answered, for reminders)");

        group.MapPut("/{id}/emails", Results<NoContent, ProblemHttpResult> (string dataset, string id, EmailsRequest request, SurveyService surveys) =>
        {
            if (surveys.Store.Find(dataset, id) is not { } survey)
                return Missing.Answer($"No survey '{id}' in dataset '{dataset}'.");
            surveys.SetEmails(survey, request.Emails ?? new Dictionary<string, string?>());
            return TypedResults.NoContent();
        }).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
          .WithName("SetSurveyEmails").WithSummary("Where invited organisations' links are e-mailed (organisation id → address; an empty address removes one); all or nothing");

        group.MapPost("/{id}/invitations/send", async Task<Results<Ok<SendReport>, ProblemHttpResult>> (string dataset, string id, SendRequest? request, HttpContext context, SurveyService surveys, CancellationToken ct) =>
        {
            if (surveys.Store.Find(dataset, id) is not { } survey)
                return Missing.Answer($"No survey '{id}' in dataset '{dataset}'.");
            if (!surveys.SendsEmail)
                return TypedResults.Problem("This server sends no e-mail (no Smtp:Host is configured): download the links as CSV for a mail merge.",
                    statusCode: StatusCodes.Status409Conflict, title: "E-mail is off.");
            var report = await surveys.SendAsync(survey, request?.NotAnswered == true, request?.NotSent == true, token => Link(context, token), ct);
            return report.Failure is { } failure
                ? TypedResults.Problem($"{report.Sent} sent; then {failure}. Send again with notSent to continue.", statusCode: StatusCodes.Status502BadGateway, title: "The mail server stopped the sending.")
                : TypedResults.Ok(report);
        }).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable)
          .WithName("SendSurveyLinks").WithSummary("E-mail the links to the invited organisations with an address (notAnswered: a reminder; notSent: only those not sent before) when the server has an SMTP host");

        group.MapDelete("/{id}/invitations/{organisation}", Results<NoContent, ProblemHttpResult> (string dataset, string id, string organisation, SurveyService surveys) =>
            surveys.Store.Find(dataset, id) is null || !surveys.Store.Revoke(id, organisation)
                ? Missing.Answer($"No live invitation of '{organisation}' to survey '{id}'.")
                : TypedResults.NoContent())
            .RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("RevokeSurveyInvitation").WithSummary("Revoke an organisation's link: it answers 404 from now on");

        group.MapPost("/{id}/close", Results<Ok<SurveyCreated>, ProblemHttpResult> (string dataset, string id, SurveyService surveys) =>
        {
            if (surveys.Store.Find(dataset, id) is not { } survey)
                return Missing.Answer($"No survey '{id}' in dataset '{dataset}'.");
            var closed = surveys.Close(survey);
            return TypedResults.Ok(new SurveyCreated(id, closed.Name, closed.Closes));
        }).RequireRateLimiting(AuthSetup.RateWrites).Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithName("CloseSurvey").WithSummary("Close a survey now: its links answer 410 from now on");

        var respondents = app.MapApi("/api/survey/{token}", "Surveys")
            .AllowAnonymous().RequireRateLimiting(AuthSetup.RateSurvey).DisableAntiforgery();

        respondents.MapGet("/roster", async Task<Results<Ok<List<RosterEntry>>, ProblemHttpResult>> (string token, string? q, SurveyService surveys, CancellationToken ct) =>
        {
            var (state, respondent) = await surveys.OpenAsync(token, ct);
            if (respondent is null)
                return Refused(state);
            return TypedResults.Ok((await surveys.RosterAsync(respondent, q is { Length: > 100 } ? q[..100] : q, ct)).Select(r => new RosterEntry(r.Id, r.Name)).ToList());
        }).Problems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status503ServiceUnavailable).WithName("SurveyRoster").WithSummary("Organisations to name as partners (names and ids only, 20 at a time, ?q= searches)");

        respondents.MapPost("/", async Task<Results<Ok<AnswerTaken>, ProblemHttpResult>> (string token, SurveyAnswer answer, SurveyService surveys, CancellationToken ct) =>
        {
            var (state, respondent) = await surveys.OpenAsync(token, ct);
            if (respondent is null)
                return Refused(state);
            var taken = await surveys.AnswerAsync(respondent, Complete(answer), ct);
            return TypedResults.Ok(new AnswerTaken(taken.Organisation, taken.Answered, taken.Answer.Partners.Count));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status503ServiceUnavailable)
          .WithName("AnswerSurvey").WithSummary("Answer (or answer again: the new answer replaces the old) with the link's token as the only credential");

        return app;
    }

    /// <summary>An answer as sent, with absent lists as empty ones.</summary>
    public static SurveyAnswer Complete(SurveyAnswer answer) => new(
        [.. (answer.Partners ?? []).Select(p => p with { Kinds = p.Kinds ?? [] })], answer.Sectors ?? [], answer.Stages ?? [], answer.NewPartners ?? [], answer.Events ?? []);

    private static ProblemHttpResult Refused(TokenState state) => state == TokenState.Closed
        ? TypedResults.Problem("This survey has closed; answers are no longer taken.", statusCode: StatusCodes.Status410Gone, title: "The survey has closed.")
        : Missing.Answer("No survey link like this one: it may have been mistyped or withdrawn.");

    /// <summary>The address of a respondent's page: the configured public address of the server, else this request's.</summary>
    public static string Link(HttpContext context, string token)
    {
        var configured = context.RequestServices.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration)) is Microsoft.Extensions.Configuration.IConfiguration c ? c["Survey:PublicAddress"] : null;
        var root = configured is { Length: > 0 } ? configured.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}";
        return $"{root}/survey/{token}";
    }

    private static async Task<List<InvitationLink>> LinksAsync(SurveyService surveys, Survey survey, IReadOnlyList<Invitation> invitations, HttpContext context, CancellationToken ct)
    {
        var names = (await surveys.NamesAsync(survey.Dataset, ct));
        var answered = surveys.Store.Answers(survey.Id).Select(a => a.Organisation).ToHashSet(StringComparer.Ordinal);
        return [.. invitations.Select(i => new InvitationLink(i.Organisation, names.GetValueOrDefault(i.Organisation) ?? i.Organisation, Link(context, i.Token), answered.Contains(i.Organisation), i.Email, i.Sent))
            .OrderBy(l => l.Name, StringComparer.CurrentCulture)];
    }
}
