using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Network.Data.Storage;

/// <summary>Bound from the "Neo4j" configuration section; the password comes from the environment or user secrets.</summary>
public sealed class Neo4jOptions
{
    public const string Section = "Neo4j";
    public string Uri { get; set; } = "http://localhost:7474";
    public string Database { get; set; } = "neo4j";
    public string User { get; set; } = "neo4j";
    public string? Password { get; set; }

    /// <summary>
    /// Put before every dataset's name in Neo4j (the dataset property of its nodes): installations — or test runs —
    /// that share one database keep their datasets apart with different prefixes. Neo4j Community has one user database.
    /// </summary>
    public string DatasetPrefix { get; set; } = "";
}

/// <summary>Neo4j answered with a transient error (a lock timeout, a conflict): the same request may succeed if sent again.</summary>
public sealed class Neo4jTransientException(string message) : Exception(message);

/// <summary>
/// The client of Neo4j's HTTP Query API v2 (https://neo4j.com/docs/query-api/current/): one statement in its own
/// transaction (POST /db/{database}/query/v2) or explicit transactions (…/query/v2/tx, …/tx/{id}, …/tx/{id}/commit,
/// DELETE to roll back). Every statement carries its parameters, the dataset among them, never spliced into its text.
/// Errors in the body fail a request whatever its status code; transient ones as <see cref="Neo4jTransientException"/>,
/// an unreachable or failing server (5xx) and refused credentials as <see cref="GraphDatabaseUnavailableException"/>.
/// </summary>
public sealed class Neo4jQueryApi
{
    private readonly HttpClient _http;
    private readonly string _database;
    private readonly string _dataset;

    public Neo4jQueryApi(HttpClient http, Neo4jOptions options, string dataset)
    {
        _http = http;
        _http.BaseAddress ??= new Uri(options.Uri);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _database = options.Database;
        _dataset = dataset;
    }

    public string Database => _database;

    public string Dataset => _dataset;

    /// <summary>The server's address, for messages.</summary>
    public Uri? Server => _http.BaseAddress;

    /// <summary>One statement in its own transaction; reads and the idempotent MERGE of start-up are retried on transient errors.</summary>
    public async Task<List<JsonElement[]>> QueryAsync(string statement, Dictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (rows, _) = await SendAsync(HttpMethod.Post, $"/db/{_database}/query/v2", statement, parameters, cancellationToken, safeToRepeat: true);
                return rows;
            }
            catch (Neo4jTransientException) when (attempt < 8)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * attempt), cancellationToken);
            }
        }
    }

    public async Task<Neo4jTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var (_, payload) = await SendAsync(HttpMethod.Post, $"/db/{_database}/query/v2/tx", null, null, cancellationToken, safeToRepeat: true);
        var id = payload.GetProperty("transaction").GetProperty("id").GetString()!;
        return new Neo4jTransaction(this, id);
    }

    /// <summary>
    /// Marks a request that may be sent again when its answer is lost: a read or the idempotent MERGE of start-up in
    /// its own transaction, or opening an explicit transaction. Statements in a transaction and its commit are never
    /// marked: a commit whose answer was lost may have committed, and sending it twice could write twice.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = new("network.neo4j.safe-to-repeat");

    /// <summary>Whether the client's resilience handler may retry this request (<see cref="SafeToRepeat"/>).</summary>
    public static bool IsSafeToRepeat(HttpRequestMessage? request) => request is not null && request.Options.TryGetValue(SafeToRepeat, out var safe) && safe;

    /// <summary>One request to the Query API; errors in the body fail it whatever the status code.</summary>
    internal async Task<(List<JsonElement[]> Rows, JsonElement Payload)> SendAsync(HttpMethod method, string path, string? statement, Dictionary<string, object?>? parameters, CancellationToken cancellationToken, bool safeToRepeat = false)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(SafeToRepeat, safeToRepeat);
        if (method != HttpMethod.Delete)
        {
            var body = new Dictionary<string, object?>();
            if (statement is not null)
            {
                body["statement"] = statement;
                body["parameters"] = new Dictionary<string, object?>(parameters ?? []) { ["dataset"] = _dataset };
            }
            request.Content = JsonContent.Create(body);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        // No answer from Neo4j, whatever the reason (refused, reset, or the HTTP client's resilience pipeline giving up
        // after its retries and timeouts), is Neo4j being unavailable; only the caller's own cancellation is not.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new GraphDatabaseUnavailableException($"cannot reach Neo4j at {_http.BaseAddress}: {e.Message}", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500)
                throw new GraphDatabaseUnavailableException($"Neo4j answered {(int)response.StatusCode}: {Truncate(text)}");
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                throw new GraphDatabaseUnavailableException("Neo4j refused the credentials (Neo4j:User, Neo4j:Password).");
            var payload = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
                var message = $"{code}: {(first.TryGetProperty("message", out var m) ? m.GetString() : "")}";
                throw code.StartsWith("Neo.TransientError", StringComparison.Ordinal) ? new Neo4jTransientException(message) : new InvalidOperationException($"Neo4j refused a statement: {message}");
            }
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Neo4j answered {(int)response.StatusCode}: {Truncate(text)}");
            var rows = new List<JsonElement[]>();
            if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("data", out var data) && data.TryGetProperty("values", out var values))
            {
                foreach (var row in values.EnumerateArray())
                    rows.Add(row.EnumerateArray().Select(QueryApiValues.Plain).ToArray());
            }
            return (rows, payload);
        }
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

/// <summary>An explicit transaction of the Query API: statements, then commit or roll back (once).</summary>
public sealed class Neo4jTransaction
{
    private readonly Neo4jQueryApi _api;
    private readonly string _id;
    private bool _ended;

    internal Neo4jTransaction(Neo4jQueryApi api, string id) => (_api, _id) = (api, id);

    public async Task<List<JsonElement[]>> RunAsync(string statement, Dictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        (await _api.SendAsync(HttpMethod.Post, $"/db/{_api.Database}/query/v2/tx/{_id}", statement, parameters, cancellationToken)).Rows;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _api.SendAsync(HttpMethod.Post, $"/db/{_api.Database}/query/v2/tx/{_id}/commit", null, null, cancellationToken);
        _ended = true;
    }

    public async Task RollbackAsync()
    {
        if (_ended)
            return;
        _ended = true;
        try
        {
            await _api.SendAsync(HttpMethod.Delete, $"/db/{_api.Database}/query/v2/tx/{_id}", null, null, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or GraphDatabaseUnavailableException)
        {
            // A failed statement has ended the transaction on the server already.
        }
    }
}

/// <summary>Values of the Query API in either of its JSON forms: typed ({"$type": "Integer", "_value": "1"}) or plain.</summary>
public static class QueryApiValues
{
    public static JsonElement Plain(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("$type", out var type) || !value.TryGetProperty("_value", out var inner))
            return value;
        string json = type.GetString() switch
        {
            "Integer" or "Float" => inner.ValueKind == JsonValueKind.String ? inner.GetString()! : inner.GetRawText(),
            "List" => "[" + string.Join(",", inner.EnumerateArray().Select(v => Plain(v).GetRawText())) + "]",
            "Map" => "{" + string.Join(",", inner.EnumerateObject().Select(p => JsonSerializer.Serialize(p.Name) + ":" + Plain(p.Value).GetRawText())) + "}",
            "Node" or "Relationship" => inner.GetRawText(),
            _ => inner.GetRawText(),
        };
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
