using System.Net.Http.Json;
using System.Diagnostics;
using System.Text.Json;
using Network.Data.Storage;
using Network.Tests;

namespace Network.Data.Tests.Storage;

/// <summary>The store contract, literally the same code as for SQLite, bound to the Neo4j store over the stand-in.</summary>
public sealed class Neo4jNetworkStoreTests(StandInServer server) : NetworkStoreContract, IClassFixture<StandInServer>
{
    private Neo4jNetworkStore Store(string dataset) =>
        new(new HttpClient(), new Neo4jOptions { Uri = server.Uri.ToString(), Database = server.Database, Password = server.Password }, dataset);

    // Every test in the one database, apart by dataset name (Neo4j Community cannot create databases).
    protected override INetworkStore CreateEmptyStore() => Store(StandInServer.NewDataset());

    protected override INetworkStore OpenAgain(INetworkStore store) => Store(((Neo4jNetworkStore)store).Dataset);

    /// <summary>
    /// The uniqueness constraint the store relies on holds in the database: a second node with the same dataset and id
    /// is refused with Neo4j's ConstraintValidationFailed and nothing is written. The Query API v2 answers a failed
    /// statement with an errors array of code and message (https://neo4j.com/docs/query-api/current/); the code is
    /// from Neo4j's list of status codes (https://neo4j.com/docs/status-codes/current/errors/all-errors/). Run with
    /// NEO4J_URI, this checks a real Neo4j; otherwise that the stand-in refuses what Neo4j refuses.
    /// </summary>
    [Fact]
    public async Task ASecondNodeWithTheSameKeyIsRefusedAsNeo4jRefusesIt()
    {
        using var store = Store(StandInServer.NewDataset());
        await store.GetVersionAsync(); // creates the constraints
        using var client = new HttpClient { BaseAddress = server.Uri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"neo4j:{server.Password}")));
        async Task<HttpResponseMessage> Run(string statement) =>
            await client.PostAsJsonAsync($"/db/{server.Database}/query/v2", new { statement, parameters = new { dataset = store.Dataset } });

        Assert.True((await Run("CREATE (:Node {dataset: $dataset, id: 'twice'})")).IsSuccessStatusCode);
        var second = await Run("CREATE (:Node {dataset: $dataset, id: 'twice'})");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, second.StatusCode);
        using var error = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", error.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        var count = await Run("MATCH (n:Node {dataset: $dataset, id: 'twice'}) RETURN count(n) AS c");
        using var counted = JsonDocument.Parse(await count.Content.ReadAsStringAsync());
        Assert.Equal(1, counted.RootElement.GetProperty("data").GetProperty("values")[0][0].GetInt32());
    }

    /// <summary>A statement straight to the Query API, as Neo4j Browser or cypher-shell would send it; the rows as JSON.</summary>
    private async Task<JsonElement> Query(string statement, object parameters)
    {
        using var client = new HttpClient { BaseAddress = server.Uri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"neo4j:{server.Password}")));
        var response = await client.PostAsJsonAsync($"/db/{server.Database}/query/v2", new { statement, parameters });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("values").Clone();
    }

    /// <summary>
    /// Every field is a native property: the seed written through the store answers plain Cypher on its fields (kind,
    /// sector lists, dates as dates), and docs/cypher/value-chain-coverage.cypher gives, stage by stage, the counts of the
    /// rule it states, computed here from the records themselves.
    /// </summary>
    [Fact]
    public async Task TheStoredGraphAnswersCypherOnItsOwnFieldsAsTheDocsQueriesAsk()
    {
        var seed = Network.Data.Formats.CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));
        using var store = Store(StandInServer.NewDataset());
        await store.WriteAsync(GraphBatch.Of(seed));
        var parameters = new { dataset = store.Dataset, sector = "sector-life-health", region = "Vlaams-Brabant" };

        var universities = await Query("MATCH (o:Organisation {dataset: $dataset}) WHERE o.kind = 'university' RETURN count(o) AS n", parameters);
        Assert.Equal(seed.OfType<Network.Analysis.Domain.Organisation>().Count(o => o.Kind == "university"), universities[0][0].GetInt32());
        var inHealth = await Query("MATCH (o:Organisation {dataset: $dataset}) WHERE 'sector-life-health' IN o.sectors RETURN count(o) AS n", parameters);
        Assert.Equal(seed.OfType<Network.Analysis.Domain.Organisation>().Count(o => o.Sectors.Contains("sector-life-health")), inHealth[0][0].GetInt32());
        var signed = await Query("MATCH (a:Agreement {dataset: $dataset}) WHERE a.signedOn >= date('2015-01-01') RETURN count(a) AS n", parameters);
        Assert.Equal(seed.OfType<Network.Analysis.Domain.Agreement>().Count(a => a.SignedOn >= new DateOnly(2015, 1, 1)), signed[0][0].GetInt32());

        var statement = Network.Data.Tests.Exports.CypherLintTests.FileStatements(Path.Combine(RepositoryPaths.Root, "docs", "cypher", "value-chain-coverage.cypher")).Single();
        var rows = await Query(statement, parameters);
        var organisations = seed.OfType<Network.Analysis.Domain.Organisation>().ToDictionary(o => o.Id);
        // An organisation counts in the region when one of its cities is there, outside when it has none or one elsewhere.
        var regionsOf = seed.OfType(Network.Analysis.Domain.RelationshipType.LocatedIn)
            .Join(seed.OfType<Network.Analysis.Domain.City>(), r => r.To, c => c.Id, (r, c) => (r.From, c.Region)).ToLookup(x => x.From, x => x.Region);
        var active = seed.OfType(Network.Analysis.Domain.RelationshipType.ActiveIn).Where(r => r.To == "sector-life-health").ToList();
        Assert.Equal(Network.Analysis.Domain.Vocabulary.Stages, rows.EnumerateArray().Select(r => r[0].GetString()));
        foreach (var row in rows.EnumerateArray())
        {
            var stage = row[0].GetString()!;
            var doing = active.Where(r => r.Stages.Contains(stage) || (r.Stages.Count == 0 && organisations[r.From].Stages.Contains(stage))).Select(r => r.From).Distinct().ToList();
            var inRegion = doing.Count(o => regionsOf[o].Contains("Vlaams-Brabant"));
            var outside = doing.Count(o => !regionsOf[o].Any() || regionsOf[o].Any(r => r != "Vlaams-Brabant"));
            Assert.Equal(inRegion, row[1].GetInt32());
            Assert.Equal(outside, row[2].GetInt32());
            Assert.Equal(inRegion == 0 ? outside == 0 ? "missing" : "external only" : inRegion == 1 ? "thin" : "covered", row[3].GetString());
        }
        Assert.Contains(rows.EnumerateArray(), r => r[1].GetInt32() > 0);
    }

    /// <summary>
    /// The Cypher export, run as cypher-shell would run it (each <c>:param rows</c> given to the statement after it),
    /// builds the same graph: every record and relationship, fields as native properties, dates as dates.
    /// </summary>
    [Fact]
    public async Task TheCypherExportBuildsTheDatasetInNeo4j()
    {
        var seed = Network.Data.Formats.CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));
        var dataset = StandInServer.NewDataset();
        var script = Network.Data.Exports.GraphExport.Cypher(seed, dataset, batchSize: 20);
        string? rows = null;
        var statements = 0;
        foreach (var line in script.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
        {
            if (line.StartsWith(":param dataset", StringComparison.Ordinal))
                continue; // given as a parameter below
            if (line.StartsWith(":param rows => ", StringComparison.Ordinal))
            {
                rows = line[":param rows => ".Length..].TrimEnd(';');
                continue;
            }
            var statement = line.TrimEnd(';');
            if (statement.Contains("$rows", StringComparison.Ordinal))
                statement = $"WITH {rows} AS rows {statement.Replace("UNWIND $rows AS row", "UNWIND rows AS row", StringComparison.Ordinal)}";
            await Query(statement, new { dataset });
            statements++;
        }
        Assert.True(statements > 10, $"{statements} statements");

        var parameters = new { dataset };
        Assert.Equal(seed.Nodes.Count, (await Query("MATCH (n:Node {dataset: $dataset}) RETURN count(n) AS n", parameters))[0][0].GetInt32());
        Assert.Equal(seed.Relationships.Count, (await Query("MATCH (:Node {dataset: $dataset})-[r]->(:Node {dataset: $dataset}) RETURN count(r) AS n", parameters))[0][0].GetInt32());
        var capricorn = (await Query("MATCH (o:Organisation:Node {dataset: $dataset, id: 'org-capricorn'}) RETURN o.name, o.kind, size(o.sectors)", parameters))[0];
        var expected = seed.OfType<Network.Analysis.Domain.Organisation>().Single(o => o.Id == "org-capricorn");
        Assert.Equal(expected.Name, capricorn[0].GetString());
        Assert.Equal(expected.Kind, capricorn[1].GetString());
        Assert.Equal(expected.Sectors.Count, capricorn[2].GetInt32());
        var signed = await Query("MATCH (a:Agreement {dataset: $dataset}) WHERE a.signedOn >= date('2015-01-01') RETURN count(a) AS n", parameters);
        Assert.Equal(seed.OfType<Network.Analysis.Domain.Agreement>().Count(a => a.SignedOn >= new DateOnly(2015, 1, 1)), signed[0][0].GetInt32());
        var staged = await Query("MATCH (:Organisation {dataset: $dataset})-[r:ACTIVE_IN]->(:Sector) WHERE size(r.stages) > 0 RETURN count(r) AS n", parameters);
        Assert.Equal(seed.OfType(Network.Analysis.Domain.RelationshipType.ActiveIn).Count(r => r.Stages.Count > 0), staged[0][0].GetInt32());
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsReportedUnavailable()
    {
        using var store = new Neo4jNetworkStore(new HttpClient(), new Neo4jOptions { Uri = "http://127.0.0.1:9", Password = "x" }, "test");
        var health = await store.CheckHealthAsync();
        Assert.False(health.Healthy);
        Assert.Contains("graph database unavailable", health.Detail);
        await Assert.ThrowsAsync<GraphDatabaseUnavailableException>(() => store.GetVersionAsync());
    }

    [Fact]
    public async Task WrongCredentialsAreReportedClearly()
    {
        using var store = new Neo4jNetworkStore(new HttpClient(), new Neo4jOptions { Uri = server.Uri.ToString(), Password = "wrong" }, "test");
        var failure = await Assert.ThrowsAsync<GraphDatabaseUnavailableException>(() => store.GetVersionAsync());
        Assert.Contains("credentials", failure.Message);
    }

    /// <summary>Answers every request with 202 Accepted and an errors array, as the Query API may do.</summary>
    private sealed class AcceptedWithErrors : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(System.Net.HttpStatusCode.Accepted)
            {
                Content = new StringContent("""{"data":{"fields":[],"values":[]},"errors":[{"code":"Neo.ClientError.Statement.SemanticError","message":"failed after accepting"}]}"""),
            };
        }
    }

    [Fact]
    public async Task ErrorsInAnAcceptedResponseFailTheRequest()
    {
        var handler = new AcceptedWithErrors();
        using var store = new Neo4jNetworkStore(new HttpClient(handler), new Neo4jOptions { Uri = "http://neo4j.test", Password = "x" }, "test");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetVersionAsync());
        Assert.Contains("failed after accepting", failure.Message);
        // Statements go out with their parameters, the dataset among them, never spliced into the text.
        using var body = JsonDocument.Parse(handler.Bodies[0]);
        Assert.Equal(Neo4jNetworkStore.Constraint, body.RootElement.GetProperty("statement").GetString());
        Assert.Equal("test", body.RootElement.GetProperty("parameters").GetProperty("dataset").GetString());
    }

    [Fact]
    public void TypedQueryApiValuesReadAsPlainJson()
    {
        JsonElement Typed(string json) => QueryApiValues.Plain(JsonDocument.Parse(json).RootElement);
        Assert.Equal(42, Typed("""{"$type":"Integer","_value":"42"}""").GetInt64());
        Assert.Equal(1.5, Typed("""{"$type":"Float","_value":"1.5"}""").GetDouble());
        Assert.Equal("Leuven", Typed("""{"$type":"String","_value":"Leuven"}""").GetString());
        Assert.Equal("2019-08-19", Typed("""{"$type":"Date","_value":"2019-08-19"}""").GetString());
        Assert.Equal([1, 2], Typed("""{"$type":"List","_value":[{"$type":"Integer","_value":"1"},{"$type":"Integer","_value":"2"}]}""").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("x", Typed("""{"$type":"Map","_value":{"a":{"$type":"String","_value":"x"}}}""").GetProperty("a").GetString());
        Assert.Equal(7, Typed("7").GetInt32());
    }
}
