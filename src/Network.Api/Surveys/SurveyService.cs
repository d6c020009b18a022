using System.Globalization;
using Network.Analysis;
using Network.Analysis.Domain;
using Network.Analysis.Resolution;
using Network.Api.Analysis;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Data.Storage;
using Network.Data.Surveys;

namespace Network.Api.Surveys;

/// <summary>Why a token gives no survey: unknown or revoked (404, the same answer for both), or the survey closed (410).</summary>
public enum TokenState { Open, Unknown, Closed }

/// <summary>A respondent's view: the survey, their organisation, and what they answered last time.</summary>
public sealed record Respondent(Survey Survey, Invitation Invitation, Organisation Organisation, AnswerRecord? LastAnswer);

/// <summary>How a survey is going: invitations, answers, response rates, the ties it produced.</summary>
public sealed record SurveyProgress(
    Survey Survey,
    int Invited,
    int Answered,
    double ResponseRate,
    IReadOnlyList<(string Group, int Invited, int Answered)> ByKind,
    IReadOnlyList<(string Group, int Invited, int Answered)> BySector,
    IReadOnlyList<Invitation> NotAnswered,
    int ConfirmedTies,
    int UnconfirmedTies,
    IReadOnlyList<NewPartnerLine> NewPartners,
    bool Closed);

/// <summary>
/// A partner a respondent named in free text, with the organisation entity resolution finds it may be
/// (<see cref="EntityResolution.Resemble"/>), and whether that tie is already recorded.
/// </summary>
public sealed record NewPartnerLine(string RespondentId, string Respondent, NewPartner Partner, NameResemblance? Match, bool Linked)
{
    /// <summary>At the merge threshold: the same organisation, to be linked rather than added.</summary>
    public bool Same => Match is { Score: >= EntityResolution.Threshold };
}

/// <summary>
/// The member survey: surveys per dataset, personal links, and answers that become data. An answer is written through
/// the one writer as one change (history, hub events, re-analysis, revertable): each partner a PARTNERS_WITH tie from
/// the respondent, with the survey and the respondent as its source, the kinds as its kind, the strength as its weight
/// and "since" as its start; the sectors and stages as the respondent's ACTIVE_IN ties. A later answer replaces the
/// ties of the earlier one.
/// </summary>
public sealed class SurveyService(DatasetCatalog catalog, SurveyStore store, NetworkWriter writer, AnalysisService analysis, SurveyMailer mailer, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> TieKinds = ["joint project", "customer", "supplier", "investor", "knowledge exchange", "other"];

    public const int MaxPartners = 60, MaxNewPartners = 20, MaxTextLength = 200, MaxIntroductionLength = 4000;

    public SurveyStore Store => store;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Survey Create(string dataset, string name, string? introduction, DateOnly closes, bool askContacts, bool askEvents, string by)
    {
        var errors = new List<ValidationError>();
        Text(errors, "survey", "name", name, required: true);
        Text(errors, "survey", "introduction", introduction ?? "", required: false, MaxIntroductionLength, multiline: true);
        if (closes < Today)
            errors.Add(new("survey", "closes", $"{closes:yyyy-MM-dd} has passed; a survey closes today or later"));
        if (store.List(dataset).Any(s => s.Name == name))
            errors.Add(new("survey", "name", $"a survey named '{name}' exists already"));
        if (errors.Count > 0)
            throw new ValidationFailedException(errors);
        return store.Create(dataset, name, introduction ?? "", closes, askContacts, askEvents, by);
    }

    /// <summary>Closes a survey now (its last day becomes yesterday, never later than it was): its links answer 410.</summary>
    public Survey Close(Survey survey)
    {
        var yesterday = Today.AddDays(-1);
        store.SetCloses(survey.Id, yesterday < survey.Closes ? yesterday : survey.Closes);
        return store.FindById(survey.Id)!;
    }

    /// <summary>The members of a dataset (organisations with a membership), else every organisation.</summary>
    public static IReadOnlyList<Organisation> Members(NetworkGraph graph)
    {
        var memberIds = graph.Relationships.Where(r => r.Type == RelationshipType.MemberOf).Select(r => r.From).ToHashSet(StringComparer.Ordinal);
        var organisations = graph.Nodes.OfType<Organisation>().ToList();
        var members = organisations.Where(o => o.Member || o.MemberSince is not null || memberIds.Contains(o.Id)).ToList();
        return members.Count > 0 ? members : organisations;
    }

    /// <summary>Invites organisations (none named: every member); every id must be an organisation of the dataset.</summary>
    public async Task<IReadOnlyList<Invitation>> InviteAsync(Survey survey, IReadOnlyList<string>? organisations, CancellationToken cancellationToken)
    {
        var snapshot = await analysis.GetAsync(survey.Dataset, null, cancellationToken);
        var ids = organisations is { Count: > 0 } ? organisations : [.. Members(snapshot.Graph).Select(o => o.Id)];
        var unknown = ids.Where(id => snapshot.NodesById.GetValueOrDefault(id) is not Organisation).Take(5).ToList();
        if (unknown.Count > 0)
            throw new ValidationFailedException([.. unknown.Select(id => new ValidationError("invitation", "organisations", $"no organisation '{id}' in dataset '{survey.Dataset}'"))]);
        return store.Invite(survey.Id, ids);
    }

    /// <summary>
    /// The addresses links are e-mailed to, per invited organisation (an empty address removes one): every organisation
    /// must be invited and every address one mailbox, else nothing changes.
    /// </summary>
    public void SetEmails(Survey survey, IReadOnlyDictionary<string, string?> emails)
    {
        if (emails.Count > 10_000)
            throw new ValidationFailedException([new("emails", "emails", "at most 10,000 addresses at once")]);
        var invited = store.Invitations(survey.Id).Where(i => i.Revoked is null).Select(i => i.Organisation).ToHashSet(StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        foreach (var (organisation, email) in emails)
        {
            if (!invited.Contains(organisation))
                errors.Add(new("emails", Shorten(organisation), "is not invited to this survey"));
            else if (!string.IsNullOrWhiteSpace(email) && SurveyMailer.Problem(email.Trim()) is { } problem)
                errors.Add(new("emails", organisation, problem));
        }
        if (errors.Count > 0)
            throw new ValidationFailedException(errors.Take(20).ToList());
        store.SetEmails(survey.Id, emails.ToDictionary(e => e.Key, e => string.IsNullOrWhiteSpace(e.Value) ? null : e.Value.Trim(), StringComparer.Ordinal));
    }

    /// <summary>
    /// E-mails the live links (<paramref name="notAnswered"/>: only to those who have not answered — a reminder;
    /// <paramref name="notSent"/>: only those not sent yet) when the server has an SMTP host; a closed survey sends nothing.
    /// </summary>
    public async Task<SendReport> SendAsync(Survey survey, bool notAnswered, bool notSent, Func<string, string> link, CancellationToken cancellationToken)
    {
        if (!mailer.Enabled)
            throw new InvalidOperationException("E-mail is off on this server (no Smtp:Host): download the links for a mail merge instead.");
        if (survey.IsClosedOn(Today))
            throw new ValidationFailedException([new("survey", "closes", $"the survey closed on {survey.Closes:yyyy-MM-dd}: its links take no answers")]);
        var answered = store.Answers(survey.Id).Select(a => a.Organisation).ToHashSet(StringComparer.Ordinal);
        var invitations = store.Invitations(survey.Id)
            .Where(i => i.Revoked is null && (!notAnswered || !answered.Contains(i.Organisation)) && (!notSent || i.Sent is null)).ToList();
        return await mailer.SendAsync(survey, invitations, await NamesAsync(survey.Dataset, cancellationToken), link, cancellationToken);
    }

    public bool SendsEmail => mailer.Enabled;

    /// <summary>Every node's display name by id, of the dataset's current version.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(string dataset, CancellationToken cancellationToken) =>
        (await analysis.GetAsync(dataset, null, cancellationToken)).NodesById.ToDictionary(n => n.Key, n => n.Value.DisplayName, StringComparer.Ordinal);

    /// <summary>Whom a token invites, and whether it may still answer.</summary>
    public async Task<(TokenState State, Respondent? Respondent)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        if (store.FindToken(token) is not { } invitation)
            return (TokenState.Unknown, null);
        if (store.FindById(invitation.SurveyId) is not { } survey || catalog.Find(survey.Dataset) is null)
            return (TokenState.Unknown, null);
        if (survey.IsClosedOn(Today))
            return (TokenState.Closed, null);
        var snapshot = await analysis.GetAsync(survey.Dataset, null, cancellationToken);
        if (snapshot.NodesById.GetValueOrDefault(invitation.Organisation) is not Organisation organisation)
            return (TokenState.Unknown, null);
        return (TokenState.Open, new Respondent(survey, invitation, organisation, store.Answer(survey.Id, invitation.Organisation)));
    }

    /// <summary>The roster a respondent picks partners from: organisations' names and ids, nothing else.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> RosterAsync(Respondent respondent, string? query, CancellationToken cancellationToken)
    {
        var snapshot = await analysis.GetAsync(respondent.Survey.Dataset, null, cancellationToken);
        var organisations = snapshot.Graph.Nodes.OfType<Organisation>().Where(o => o.Id != respondent.Organisation.Id);
        var found = string.IsNullOrWhiteSpace(query)
            ? organisations.OrderBy(o => o.DisplayName, StringComparer.CurrentCulture)
            : Network.Analysis.Text.NameSearch.Find(organisations, query);
        return [.. found.Take(20).Select(o => (o.Id, o.DisplayName))];
    }

    /// <summary>
    /// Takes an answer: checks it whole (nothing written when anything is wrong), writes the ties and sectors as one
    /// change through the one writer, then keeps the answer. Repeating the same answer writes the same ties again.
    /// </summary>
    public async Task<AnswerRecord> AnswerAsync(Respondent respondent, SurveyAnswer answer, CancellationToken cancellationToken)
    {
        var (survey, invitation, organisation, last) = respondent;
        var snapshot = await analysis.GetAsync(survey.Dataset, null, cancellationToken);
        Check(answer, organisation.Id, snapshot.NodesById);
        var day = Today;
        var source = $"survey '{survey.Name}', answered by {organisation.DisplayName} on {day:yyyy-MM-dd}";

        var ties = answer.Partners.Select(p => new Relationship(RelationshipType.PartnersWith, organisation.Id, p.Organisation, source)
        {
            Kind = string.Join(", ", p.Kinds),
            Weight = p.Strength,
            Since = p.Since,
        }).ToList();
        var named = ties.Select(t => t.Key).ToHashSet();
        var existing = snapshot.Graph.Relationships.Select(r => r.Key).ToHashSet();
        // Ties the earlier answer made and this one does not name again.
        var dropped = (last?.Answer.Partners ?? [])
            .Select(p => new RelationshipKey(RelationshipType.PartnersWith, organisation.Id, p.Organisation))
            .Where(k => !named.Contains(k) && existing.Contains(k)).ToList();

        var sectors = new List<Relationship>();
        if (answer.Sectors.Count > 0)
        {
            // A sector confirmed as it stands keeps its source (a document says so too); a new or changed one gets the survey's.
            var current = snapshot.Graph.Relationships.Where(r => r.Type == RelationshipType.ActiveIn && r.From == organisation.Id).ToDictionary(r => r.To, StringComparer.Ordinal);
            sectors.AddRange(answer.Sectors
                .Where(s => !(current.TryGetValue(s, out var same) && same.Stages.Order(StringComparer.Ordinal).SequenceEqual(answer.Stages.Order(StringComparer.Ordinal))))
                .Select(s => new Relationship(RelationshipType.ActiveIn, organisation.Id, s, source) { Stages = answer.Stages }));
            var chosen = answer.Sectors.ToHashSet(StringComparer.Ordinal);
            dropped.AddRange(snapshot.Graph.Relationships
                .Where(r => r.Type == RelationshipType.ActiveIn && r.From == organisation.Id && !chosen.Contains(r.To)).Select(r => r.Key));
        }

        var batch = new GraphBatch { Relationships = [.. ties, .. sectors], DeleteRelationships = dropped };
        var summary = $"survey '{survey.Name}': {organisation.DisplayName} named {ties.Count} partner{(ties.Count == 1 ? "" : "s")}" +
            (answer.Sectors.Count > 0 ? $" and {answer.Sectors.Count} sector{(answer.Sectors.Count == 1 ? "" : "s")}" : "");
        await writer.AnswerAsync(survey.Dataset, batch, new Author($"survey:{invitation.Organisation}", "survey"), summary, cancellationToken);
        return store.SaveAnswer(survey.Id, invitation.Organisation, answer);
    }

    /// <summary>
    /// A partner named "not in the list" that is an organisation of the dataset after all: an editor links it, and the
    /// respondent's tie is written through the one writer with the survey, the respondent and the name as written as its
    /// source. Only a name the respondent's latest answer gave, and only to an organisation, never the respondent itself.
    /// </summary>
    public async Task LinkAsync(Survey survey, string respondent, string written, string organisation, Author author, CancellationToken cancellationToken)
    {
        var answer = store.Answers(survey.Id).FirstOrDefault(a => a.Organisation == respondent)
            ?? throw new ValidationFailedException([new("link", "respondent", "has not answered this survey")]);
        if (!answer.Answer.NewPartners.Any(p => p.Name == written))
            throw new ValidationFailedException([new("link", "name", $"'{Shorten(written)}' is not a partner {respondent} named outside the list")]);
        var snapshot = await analysis.GetAsync(survey.Dataset, null, cancellationToken);
        if (snapshot.NodesById.GetValueOrDefault(organisation) is not Organisation partner || organisation == respondent)
            throw new ValidationFailedException([new("link", "organisation", $"'{Shorten(organisation)}' is not another organisation of this network")]);
        var by = snapshot.NodesById.GetValueOrDefault(respondent)?.DisplayName ?? respondent;
        var tie = new Relationship(RelationshipType.PartnersWith, respondent, organisation,
            $"survey '{survey.Name}', answered by {by} on {answer.Answered:yyyy-MM-dd} (named as '{written}')") { Weight = 1 };
        await writer.AnswerAsync(survey.Dataset, new GraphBatch { Relationships = [tie] }, author,
            $"survey '{survey.Name}': '{written}' named by {by} linked to {partner.DisplayName}", cancellationToken);
    }

    private static void Check(SurveyAnswer answer, string respondent, IReadOnlyDictionary<string, Node> nodes)
    {
        var errors = new List<ValidationError>();
        if (answer.Partners.Count > MaxPartners)
            errors.Add(new("answer", "partners", $"at most {MaxPartners} partners in one answer"));
        if (answer.NewPartners.Count > MaxNewPartners)
            errors.Add(new("answer", "newPartners", $"at most {MaxNewPartners} partners not in the list"));
        foreach (var (partner, i) in answer.Partners.Take(MaxPartners).Select((p, i) => (p, i + 1)))
        {
            var where = $"partner {i}";
            if (nodes.GetValueOrDefault(partner.Organisation ?? "") is not Organisation)
                errors.Add(new(where, "organisation", $"'{Shorten(partner.Organisation)}' is not an organisation in the list"));
            else if (partner.Organisation == respondent)
                errors.Add(new(where, "organisation", "is your own organisation"));
            if (partner.Kinds is null || partner.Kinds.Count == 0)
                errors.Add(new(where, "kinds", "choose at least one kind of tie"));
            else if (partner.Kinds.FirstOrDefault(k => !TieKinds.Contains(k)) is { } kind)
                errors.Add(new(where, "kinds", $"'{Shorten(kind)}' is not one of {string.Join(", ", TieKinds)}"));
            if (partner.Strength is < 1 or > 5)
                errors.Add(new(where, "strength", "must be from 1 (occasional) to 5 (very close)"));
            if (partner.Since is { } since && (since.Year < 1900 || since > DateOnly.FromDateTime(DateTime.UtcNow)))
                errors.Add(new(where, "since", $"{since:yyyy-MM-dd} is not a date between 1900 and today"));
            if (partner.Contact is { } contact)
                Text(errors, where, "contact", contact, required: false);
        }
        foreach (var duplicate in answer.Partners.GroupBy(p => p.Organisation).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add(new("answer", "partners", $"'{Shorten(duplicate)}' is named more than once"));
        foreach (var sector in answer.Sectors.Where(s => nodes.GetValueOrDefault(s) is not Sector))
            errors.Add(new("answer", "sectors", $"'{Shorten(sector)}' is not a sector of this network"));
        foreach (var stage in answer.Stages.Where(s => !Vocabulary.IsOneOf(Vocabulary.Stages, s)))
            errors.Add(new("answer", "stages", $"'{Shorten(stage)}' is not one of {Vocabulary.Describe(Vocabulary.Stages)}"));
        foreach (var (partner, i) in answer.NewPartners.Take(MaxNewPartners).Select((p, i) => (p, i + 1)))
        {
            Text(errors, $"new partner {i}", "name", partner.Name ?? "", required: true);
            Text(errors, $"new partner {i}", "city", partner.City ?? "", required: false);
        }
        foreach (var @event in answer.Events.Where(e => nodes.GetValueOrDefault(e) is not Event))
            errors.Add(new("answer", "events", $"'{Shorten(@event)}' is not an event of this network"));
        if (errors.Count > 0)
            throw new ValidationFailedException(errors);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";

    private static void Text(List<ValidationError> errors, string where, string field, string text, bool required, int max = MaxTextLength, bool multiline = false)
    {
        if (required && string.IsNullOrWhiteSpace(text))
            errors.Add(new(where, field, "is required"));
        else if (text.Length > max)
            errors.Add(new(where, field, $"is longer than {max} characters"));
        else if (DomainRules.Unwritable(text, multiline) is { } problem)
            errors.Add(new(where, field, problem));
    }

    /// <summary>Invited, answered and the rates by kind and sector; who has not answered; the ties the answers made.</summary>
    public async Task<SurveyProgress> ProgressAsync(Survey survey, CancellationToken cancellationToken)
    {
        var snapshot = await analysis.GetAsync(survey.Dataset, null, cancellationToken);
        var invitations = store.Invitations(survey.Id).Where(i => i.Revoked is null).ToList();
        var answers = store.Answers(survey.Id);
        var answered = answers.Select(a => a.Organisation).ToHashSet(StringComparer.Ordinal);
        Organisation? Of(string id) => snapshot.NodesById.GetValueOrDefault(id) as Organisation;
        var sectorsOf = snapshot.Graph.Relationships.Where(r => r.Type == RelationshipType.ActiveIn)
            .ToLookup(r => r.From, r => snapshot.NodesById.GetValueOrDefault(r.To)?.DisplayName ?? r.To);

        List<(string, int, int)> Rates(Func<Invitation, IEnumerable<string>> groups) =>
            [.. invitations.SelectMany(i => groups(i).Select(g => (Group: g, Answered: answered.Contains(i.Organisation))))
                .GroupBy(x => x.Group).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), g.Count(x => x.Answered)))];

        // A tie named by both sides is confirmed; by one side, unconfirmed.
        var pairs = answers.SelectMany(a => a.Answer.Partners.Select(p => (From: a.Organisation, To: p.Organisation))).ToHashSet();
        var confirmed = pairs.Count(p => string.CompareOrdinal(p.From, p.To) < 0 && pairs.Contains((p.To, p.From)));
        var unconfirmed = pairs.Count(p => !pairs.Contains((p.To, p.From)));
        var named = answers.SelectMany(a => a.Answer.NewPartners.Select(p => (Respondent: a.Organisation, Partner: p))).ToList();
        var matches = EntityResolution.Resemble(snapshot.Graph, [.. named.Select(n => (n.Partner.Name, n.Partner.City))]);
        var tied = snapshot.Graph.Relationships.Where(r => r.Type == RelationshipType.PartnersWith).Select(r => (r.From, r.To)).ToHashSet();
        var suggestions = named.Zip(matches, (n, m) => new NewPartnerLine(n.Respondent, Of(n.Respondent)?.DisplayName ?? n.Respondent, n.Partner, m,
            m is not null && tied.Contains((n.Respondent, m.Id)))).ToList();
        return new SurveyProgress(survey, invitations.Count, invitations.Count(i => answered.Contains(i.Organisation)),
            invitations.Count == 0 ? 0 : (double)invitations.Count(i => answered.Contains(i.Organisation)) / invitations.Count,
            Rates(i => [Of(i.Organisation)?.Kind ?? "unknown"]),
            Rates(i => sectorsOf[i.Organisation] is var s && s.Any() ? s.Distinct() : ["no sector known"]),
            [.. invitations.Where(i => !answered.Contains(i.Organisation)).OrderBy(i => Of(i.Organisation)?.DisplayName ?? i.Organisation, StringComparer.CurrentCulture)],
            confirmed, unconfirmed, suggestions, survey.IsClosedOn(Today));
    }

    /// <summary>The share of invited members who answered the dataset's latest survey with answers, for notes on analysis pages.</summary>
    public (Survey Survey, double Rate)? LatestResponse(string dataset)
    {
        foreach (var survey in store.List(dataset).Reverse())
        {
            var (invited, answers) = store.Counts(survey.Id);
            if (invited > 0 && answers > 0)
                return (survey, (double)answers / invited);
        }
        return null;
    }

    /// <summary>
    /// For analysis pages: when ties come from a survey that few members answered (under 80 %), what that means for
    /// what the page shows ("answers from 42 % of members — broker ranks may move"); null otherwise.
    /// </summary>
    public string? LowResponseNote(string dataset, string consequence) => LatestResponse(dataset) is { Rate: < 0.8 } latest
        ? $"Ties from the survey '{latest.Survey.Name}' come from answers of {Percent(latest.Rate)} of the members invited — {consequence}."
        : null;

    /// <summary>Ties of two surveys compared, among the members who answered both: which appeared, ended, got stronger or weaker.</summary>
    public IReadOnlyList<(string From, string To, int? Before, int? After)> Compare(Survey earlier, Survey later)
    {
        static Dictionary<(string, string), int> Ties(IEnumerable<AnswerRecord> answers) =>
            answers.SelectMany(a => a.Answer.Partners.Select(p => (Key: (a.Organisation, p.Organisation), p.Strength)))
                .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Max(x => x.Strength));
        // Only members who answered both say anything about change: a tie missing from someone who did not answer again has not ended.
        var both = store.Answers(earlier.Id).Select(a => a.Organisation).Intersect(store.Answers(later.Id).Select(a => a.Organisation), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var before = Ties(store.Answers(earlier.Id).Where(a => both.Contains(a.Organisation)));
        var after = Ties(store.Answers(later.Id).Where(a => both.Contains(a.Organisation)));
        return [.. before.Keys.Union(after.Keys)
            .Select(k => (k.Item1, k.Item2, before.TryGetValue(k, out var b) ? b : (int?)null, after.TryGetValue(k, out var a) ? a : (int?)null))
            .Where(x => x.Item3 != x.Item4)
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal)];
    }

    public static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
