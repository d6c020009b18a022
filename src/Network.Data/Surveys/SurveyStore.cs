using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Network.Data.Surveys;

/// <summary>A member survey of one dataset: who works with whom, asked of the members themselves.</summary>
/// <param name="Closes">The last day answers are taken (inclusive).</param>
/// <param name="AskContacts">Whether the respondent is asked for contact people per partner.</param>
/// <param name="AskEvents">Whether the respondent is asked which events they attended.</param>
public sealed record Survey(string Id, string Dataset, string Name, string Introduction, DateOnly Closes, bool AskContacts, bool AskEvents, DateTimeOffset Created, string CreatedBy)
{
    public bool IsClosedOn(DateOnly day) => day > Closes;
}

/// <summary>One organisation's personal link to a survey; the token is its only credential.</summary>
public sealed record Invitation(string Token, string SurveyId, string Organisation, DateTimeOffset Created, DateTimeOffset? Revoked)
{
    /// <summary>Where the link is e-mailed to, when the server sends e-mail (kept with the survey, not in the network data).</summary>
    public string? Email { get; init; }

    /// <summary>When the link was last e-mailed.</summary>
    public DateTimeOffset? Sent { get; init; }
}

/// <summary>A partner the respondent named: the kinds of tie, its strength (1–5) and since when.</summary>
public sealed record PartnerAnswer(string Organisation, IReadOnlyList<string> Kinds, int Strength, DateOnly? Since, string? Contact = null);

/// <summary>A partner "not in the list", named in free text: a suggestion for a new organisation.</summary>
public sealed record NewPartner(string Name, string? City);

/// <summary>What one organisation answered; a later answer replaces it.</summary>
public sealed record SurveyAnswer(
    IReadOnlyList<PartnerAnswer> Partners,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Stages,
    IReadOnlyList<NewPartner> NewPartners,
    IReadOnlyList<string> Events)
{
    public static readonly SurveyAnswer Empty = new([], [], [], [], []);
}

/// <summary>An answer as kept: who, when, what.</summary>
public sealed record AnswerRecord(string SurveyId, string Organisation, DateTimeOffset Answered, SurveyAnswer Answer);

/// <summary>
/// Surveys, their invitations and answers in surveys.db beside the datasets. The answers are also written into the
/// dataset as ties (by the server's one writer); this store keeps what each organisation said, so a respondent sees
/// their last answer, the dashboard counts, and a later answer knows which ties the earlier one made.
/// </summary>
public sealed class SurveyStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE surveys (id TEXT PRIMARY KEY, dataset TEXT NOT NULL, name TEXT NOT NULL, introduction TEXT NOT NULL,
            closes TEXT NOT NULL, ask_contacts INTEGER NOT NULL, ask_events INTEGER NOT NULL, created TEXT NOT NULL, created_by TEXT NOT NULL);
        CREATE TABLE invitations (token TEXT PRIMARY KEY, survey TEXT NOT NULL REFERENCES surveys(id), organisation TEXT NOT NULL,
            created TEXT NOT NULL, revoked TEXT, UNIQUE (survey, organisation));
        CREATE TABLE answers (survey TEXT NOT NULL REFERENCES surveys(id), organisation TEXT NOT NULL, answered TEXT NOT NULL,
            body TEXT NOT NULL, PRIMARY KEY (survey, organisation));
        """,
        "ALTER TABLE invitations ADD COLUMN email TEXT; ALTER TABLE invitations ADD COLUMN sent TEXT;",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _connectionString;

    /// <param name="dataFolder">The folder of the datasets; surveys.db lives beside them.</param>
    public SurveyStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "surveys.db"), Pooling = true }.ToString();
        using var connection = Open();
        Run(connection, null, "PRAGMA journal_mode = WAL");
        using var transaction = connection.BeginTransaction();
        var current = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        for (var step = current; step < Migrations.Length; step++)
            Run(connection, transaction, Migrations[step]);
        Run(connection, transaction, $"PRAGMA user_version = {Migrations.Length}");
        transaction.Commit();
    }

    /// <summary>A new unguessable token: 256 random bits, URL-safe.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public Survey Create(string dataset, string name, string introduction, DateOnly closes, bool askContacts, bool askEvents, string by)
    {
        var survey = new Survey("s-" + NewToken()[..10].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y'), dataset, name, introduction, closes, askContacts, askEvents, DateTimeOffset.UtcNow, by);
        using var connection = Open();
        Run(connection, null, """
            INSERT INTO surveys (id, dataset, name, introduction, closes, ask_contacts, ask_events, created, created_by)
            VALUES ($id, $d, $n, $i, $c, $ac, $ae, $cr, $by)
            """, ("$id", survey.Id), ("$d", dataset), ("$n", name), ("$i", introduction), ("$c", Day(closes)),
            ("$ac", askContacts ? 1 : 0), ("$ae", askEvents ? 1 : 0), ("$cr", Stamp(survey.Created)), ("$by", by));
        return survey;
    }

    public IReadOnlyList<Survey> List(string dataset) => ReadSurveys("WHERE dataset = $d ORDER BY created", ("$d", dataset));

    public Survey? Find(string dataset, string id) => ReadSurveys("WHERE dataset = $d AND id = $id", ("$d", dataset), ("$id", id)).SingleOrDefault();

    public Survey? FindById(string id) => ReadSurveys("WHERE id = $id", ("$id", id)).SingleOrDefault();

    /// <summary>Changes the closing day (closing a survey now is closing it yesterday).</summary>
    public void SetCloses(string id, DateOnly closes)
    {
        using var connection = Open();
        Run(connection, null, "UPDATE surveys SET closes = $c WHERE id = $id", ("$c", Day(closes)), ("$id", id));
    }

    /// <summary>
    /// Invites organisations: one link each. An organisation invited before keeps its link (a revoked one gets a new
    /// link); returns every invitation of the organisations asked for.
    /// </summary>
    public IReadOnlyList<Invitation> Invite(string surveyId, IEnumerable<string> organisations)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var now = Stamp(DateTimeOffset.UtcNow);
        var asked = organisations.Distinct(StringComparer.Ordinal).ToList();
        foreach (var organisation in asked)
        {
            Run(connection, transaction, """
                INSERT INTO invitations (token, survey, organisation, created) VALUES ($t, $s, $o, $c)
                ON CONFLICT (survey, organisation) DO UPDATE SET token = CASE WHEN revoked IS NULL THEN token ELSE excluded.token END,
                    created = CASE WHEN revoked IS NULL THEN created ELSE excluded.created END, revoked = NULL
                """, ("$t", NewToken()), ("$s", surveyId), ("$o", organisation), ("$c", now));
        }
        transaction.Commit();
        var wanted = asked.ToHashSet(StringComparer.Ordinal);
        return [.. Invitations(surveyId).Where(i => wanted.Contains(i.Organisation))];
    }

    public IReadOnlyList<Invitation> Invitations(string surveyId) =>
        ReadInvitations("WHERE survey = $s ORDER BY organisation", ("$s", surveyId));

    /// <summary>The live invitation of a token, or null (unknown or revoked alike: nothing to learn from the difference).</summary>
    public Invitation? FindToken(string token) =>
        token.Length is < 20 or > 100 ? null : ReadInvitations("WHERE token = $t AND revoked IS NULL", ("$t", token)).SingleOrDefault();

    /// <summary>Sets the addresses of invited organisations (null removes one), all or none; returns how many invitations changed.</summary>
    public int SetEmails(string surveyId, IReadOnlyDictionary<string, string?> emails)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var changed = emails.Sum(e => Run(connection, transaction, "UPDATE invitations SET email = $e WHERE survey = $s AND organisation = $o",
            ("$e", (object?)e.Value ?? DBNull.Value), ("$s", surveyId), ("$o", e.Key)));
        transaction.Commit();
        return changed;
    }

    /// <summary>Notes that an invitation's link was e-mailed now.</summary>
    public void MarkSent(string token, DateTimeOffset at)
    {
        using var connection = Open();
        Run(connection, null, "UPDATE invitations SET sent = $t WHERE token = $k", ("$t", Stamp(at)), ("$k", token));
    }

    /// <summary>Revokes an organisation's link; true when there was a live one.</summary>
    public bool Revoke(string surveyId, string organisation)
    {
        using var connection = Open();
        return Run(connection, null, "UPDATE invitations SET revoked = $r WHERE survey = $s AND organisation = $o AND revoked IS NULL",
            ("$r", Stamp(DateTimeOffset.UtcNow)), ("$s", surveyId), ("$o", organisation)) > 0;
    }

    /// <summary>Keeps an organisation's answer, replacing an earlier one.</summary>
    public AnswerRecord SaveAnswer(string surveyId, string organisation, SurveyAnswer answer)
    {
        var record = new AnswerRecord(surveyId, organisation, DateTimeOffset.UtcNow, answer);
        using var connection = Open();
        Run(connection, null, """
            INSERT INTO answers (survey, organisation, answered, body) VALUES ($s, $o, $a, $b)
            ON CONFLICT (survey, organisation) DO UPDATE SET answered = excluded.answered, body = excluded.body
            """, ("$s", surveyId), ("$o", organisation), ("$a", Stamp(record.Answered)), ("$b", JsonSerializer.Serialize(answer, Json)));
        return record;
    }

    public AnswerRecord? Answer(string surveyId, string organisation) =>
        ReadAnswers("WHERE survey = $s AND organisation = $o", ("$s", surveyId), ("$o", organisation)).SingleOrDefault();

    /// <summary>How many live invitations and answers a survey has, counted in the database (for notes on every analysis page).</summary>
    public (int Invited, int Answered) Counts(string surveyId)
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT (SELECT COUNT(*) FROM invitations WHERE survey = $s AND revoked IS NULL), (SELECT COUNT(*) FROM answers WHERE survey = $s)
            """, [("$s", surveyId)]);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    public IReadOnlyList<AnswerRecord> Answers(string surveyId) => ReadAnswers("WHERE survey = $s ORDER BY organisation", ("$s", surveyId));

    private List<Survey> ReadSurveys(string where, params (string, object)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT id, dataset, name, introduction, closes, ask_contacts, ask_events, created, created_by FROM surveys {where}", parameters);
        using var reader = command.ExecuteReader();
        var surveys = new List<Survey>();
        while (reader.Read())
        {
            surveys.Add(new Survey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(5) != 0, reader.GetInt64(6) != 0,
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture), reader.GetString(8)));
        }
        return surveys;
    }

    private List<Invitation> ReadInvitations(string where, params (string, object)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT token, survey, organisation, created, revoked, email, sent FROM invitations {where}", parameters);
        using var reader = command.ExecuteReader();
        var invitations = new List<Invitation>();
        while (reader.Read())
        {
            invitations.Add(new Invitation(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture))
            {
                Email = reader.IsDBNull(5) ? null : reader.GetString(5),
                Sent = reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
            });
        }
        return invitations;
    }

    private List<AnswerRecord> ReadAnswers(string where, params (string, object)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT survey, organisation, answered, body FROM answers {where}", parameters);
        using var reader = command.ExecuteReader();
        var answers = new List<AnswerRecord>();
        while (reader.Read())
        {
            answers.Add(new AnswerRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                JsonSerializer.Deserialize<SurveyAnswer>(reader.GetString(3), Json) ?? SurveyAnswer.Empty));
        }
        return answers;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static int Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, sql, []);
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    private SqliteConnection Open() => Storage.SqliteNetworkStore.OpenDurable(_connectionString);
}
