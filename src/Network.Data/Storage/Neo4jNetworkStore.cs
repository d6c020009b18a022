using System.Text.Json;
using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// The store on Neo4j (5.19+) through its HTTP Query API v2 with HttpClient and System.Text.Json. Every node is
/// (:Node:&lt;Label&gt; {dataset, id, label, name, source, version, data, …every field}), every relationship carries
/// {source, version, data, …every field}: every field of the record a native property (lists as lists, dates as Neo4j
/// dates; <see cref="Neo4jProperties"/>), so the graph is queryable as it stands (docs/cypher/); data is the record's
/// JSON, read back, so a round trip is exact. Several datasets share one database through the dataset property (Neo4j community has one database).
/// A write is one explicit transaction: lock the dataset's meta node, check expected versions and the domain rules
/// against what is stored, delete, upsert with UNWIND $rows batches, bump the version, commit — any error rolls it
/// back. Errors are read from the body whatever the status (the Query API can put them in a 202). Transient errors
/// (Neo.TransientError.*) retry the whole batch; connection failures and 5xx are a <see cref="GraphDatabaseUnavailableException"/>.
/// Every statement the store sends is in <see cref="Statements"/>, so tests check it with Neo4j's own parser.
/// </summary>
public sealed class Neo4jNetworkStore : INetworkStore, IDisposable
{
    private readonly Neo4jQueryApi _api;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _initialiseLock = new(1, 1);
    private volatile bool _initialised;

    public Neo4jNetworkStore(HttpClient http, Neo4jOptions options, string dataset) => _api = new Neo4jQueryApi(http, options, dataset);

    public string Database => _api.Database;

    public string Dataset => _api.Dataset;

    public const string Constraint = "CREATE CONSTRAINT network_node_key IF NOT EXISTS FOR (n:Node) REQUIRE (n.dataset, n.id) IS UNIQUE";
    // One meta node per dataset: without the constraint two stores starting at once could both MERGE one.
    public const string MetaConstraint = "CREATE CONSTRAINT network_meta_key IF NOT EXISTS FOR (m:NetworkMeta) REQUIRE m.dataset IS UNIQUE";
    public const string Init = "MERGE (m:NetworkMeta {dataset: $dataset}) ON CREATE SET m.version = 0 RETURN m.version AS version";
    public const string Lock = "MATCH (m:NetworkMeta {dataset: $dataset}) SET m.lock = coalesce(m.lock, 0) + 1 RETURN m.version AS version";
    public const string NodeVersions = "UNWIND $ids AS id MATCH (n:Node {dataset: $dataset, id: id}) RETURN n.id AS id, n.label AS label, n.version AS version";
    public const string RelationshipVersions = "UNWIND $keys AS k MATCH (a:Node {dataset: $dataset, id: k.from})-[r]->(b:Node {dataset: $dataset, id: k.to}) WHERE type(r) = k.type RETURN k.from AS from, k.type AS type, k.to AS to, r.version AS version";
    public const string DeleteRelationships = "UNWIND $keys AS k MATCH (a:Node {dataset: $dataset, id: k.from})-[r]->(b:Node {dataset: $dataset, id: k.to}) WHERE type(r) = k.type DELETE r RETURN count(*) AS deleted";
    public const string CountRelationshipsOf = "UNWIND $ids AS id MATCH (n:Node {dataset: $dataset, id: id})-[r]-() RETURN count(r) AS relationships";
    public const string DeleteNodes = "UNWIND $ids AS id MATCH (n:Node {dataset: $dataset, id: id}) DETACH DELETE n";
    public const string Bump = "MATCH (m:NetworkMeta {dataset: $dataset}) SET m.version = $version RETURN m.version AS version";
    public const string GetNode = "MATCH (n:Node {dataset: $dataset, id: $id}) RETURN n.data AS data, n.version AS version";
    public const string GetRelationship = "MATCH (a:Node {dataset: $dataset, id: $from})-[r]->(b:Node {dataset: $dataset, id: $to}) WHERE type(r) = $type RETURN r.data AS data, r.version AS version";
    public const string RelationshipsOf = "MATCH (n:Node {dataset: $dataset, id: $id})-[r]-(m:Node) RETURN DISTINCT r.data AS data, r.version AS version";
    public const string AllNodes = "MATCH (n:Node {dataset: $dataset}) RETURN n.data AS data ORDER BY n.id";
    public const string AllRelationships = "MATCH (a:Node {dataset: $dataset})-[r]->(b:Node {dataset: $dataset}) RETURN r.data AS data";
    public const string Version = "MATCH (m:NetworkMeta {dataset: $dataset}) RETURN m.version AS version";
    public const string CountNodes = "MATCH (n:Node {dataset: $dataset}) RETURN count(n) AS nodes";
    public const string CountRelationships = "MATCH (a:Node {dataset: $dataset})-[r]->(b:Node {dataset: $dataset}) RETURN count(r) AS relationships";
    public const string Neighbours = "UNWIND $ids AS id MATCH (n:Node {dataset: $dataset, id: id})-[r]-(m:Node) RETURN DISTINCT m.id AS id";
    public const string NodesByIds = "UNWIND $ids AS id MATCH (n:Node {dataset: $dataset, id: id}) RETURN n.data AS data ORDER BY n.id";
    public const string RecordChange = "CREATE (c:NetworkChange {dataset: $dataset, version: $version, at: $at, by: $by, via: $via, summary: $summary, items: $items, itemCount: $itemCount, nodes: $nodes}) RETURN c.version AS version";
    public const string Changes = "MATCH (c:NetworkChange {dataset: $dataset}) RETURN c.version AS version, c.at AS at, c.by AS by, c.via AS via, c.summary AS summary, c.items AS items, c.itemCount AS itemCount, c.nodes AS nodes ORDER BY c.version DESC";
    public const string RelationshipsAmong = "MATCH (a:Node {dataset: $dataset})-[r]->(b:Node {dataset: $dataset}) WHERE a.id IN $ids AND b.id IN $ids RETURN r.data AS data";

    /// <summary>Labels and types are not parameters in Cypher, so each has its own statement.</summary>
    public static string UpsertNodes(NodeLabel label) =>
        $"UNWIND $rows AS row MERGE (n:Node {{dataset: $dataset, id: row.id}}) SET n = row.props SET n:{label}{Neo4jProperties.SetDates("n", Neo4jProperties.DateFieldsOf(label))} RETURN count(n) AS written";

    public static string UpsertRelationships(RelationshipType type) =>
        $"UNWIND $rows AS row MATCH (a:Node {{dataset: $dataset, id: row.from}}) MATCH (b:Node {{dataset: $dataset, id: row.to}}) MERGE (a)-[r:{RelationshipTypes.Name(type)}]->(b) SET r = row.props{Neo4jProperties.SetDates("r", Neo4jProperties.RelationshipDateFields)} RETURN count(r) AS written";

    /// <summary>Every statement this store can send.</summary>
    public static IEnumerable<string> Statements() =>
        typeof(Neo4jNetworkStore).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Enum.GetValues<NodeLabel>().Select(UpsertNodes))
            .Concat(Enum.GetValues<RelationshipType>().Select(UpsertRelationships));

    public async Task<WriteResult> WriteAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await WriteOnceAsync(batch, cancellationToken);
                }
                catch (Neo4jTransientException) when (attempt < 8)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<WriteResult> WriteOnceAsync(GraphBatch batch, CancellationToken cancellationToken)
    {
        var tx = await _api.BeginAsync(cancellationToken);
        try
        {
            var current = (await tx.RunAsync(Lock, new(), cancellationToken)).Single()[0].GetInt64();

            // Expected versions (optimistic concurrency).
            if (batch.ExpectedNodeVersions.Count > 0)
            {
                var found = (await tx.RunAsync(NodeVersions, new() { ["ids"] = batch.ExpectedNodeVersions.Keys.ToList() }, cancellationToken))
                    .ToDictionary(r => r[0].GetString()!, r => r[2].GetInt64());
                foreach (var (id, expected) in batch.ExpectedNodeVersions)
                {
                    long? actual = found.TryGetValue(id, out var v) ? v : null;
                    if (actual != (expected == 0 ? null : expected))
                        throw new ConcurrencyConflictException($"Node '{id}'", expected, actual);
                }
            }
            if (batch.ExpectedRelationshipVersions.Count > 0)
            {
                var keys = batch.ExpectedRelationshipVersions.Keys.Select(Key).ToList();
                var found = (await tx.RunAsync(RelationshipVersions, new() { ["keys"] = keys }, cancellationToken))
                    .ToDictionary(r => (r[0].GetString()!, r[1].GetString()!, r[2].GetString()!), r => r[3].GetInt64());
                foreach (var (key, expected) in batch.ExpectedRelationshipVersions)
                {
                    long? actual = found.TryGetValue((key.From, RelationshipTypes.Name(key.Type), key.To), out var v) ? v : null;
                    if (actual != (expected == 0 ? null : expected))
                        throw new ConcurrencyConflictException($"Relationship {key}", expected, actual);
                }
            }

            // The checks every store makes, against what is stored now, inside the write's transaction.
            var errors = await CheckAsync(tx.RunAsync, batch, cancellationToken);
            if (errors.Count > 0)
                throw new ValidationFailedException(errors);

            var version = current + 1;
            var deletedRelationships = 0;
            if (batch.DeleteRelationships.Count > 0)
                deletedRelationships += (int)(await tx.RunAsync(DeleteRelationships, new() { ["keys"] = batch.DeleteRelationships.Select(Key).ToList() }, cancellationToken)).Single()[0].GetInt64();
            if (batch.DeleteNodes.Count > 0)
            {
                var parameters = new Dictionary<string, object?> { ["ids"] = batch.DeleteNodes.ToList() };
                deletedRelationships += (int)(await tx.RunAsync(CountRelationshipsOf, parameters, cancellationToken)).Single()[0].GetInt64();
                await tx.RunAsync(DeleteNodes, parameters, cancellationToken);
            }
            var written = 0;
            void ReportChunk(int rows) => batch.Progress?.Report(written += rows);
            foreach (var group in batch.Nodes.GroupBy(n => n.Label))
            {
                foreach (var chunk in group.Chunk(500))
                {
                    var rows = chunk.Select(n =>
                    {
                        // Every field native (queryable in Neo4j), then what the store keeps: the version and the
                        // record's JSON, read back for an exact round trip.
                        var row = Neo4jProperties.NodeRow(n, _api.Dataset);
                        (Neo4jProperties.PropsOf(row)["version"], Neo4jProperties.PropsOf(row)["data"]) = (version, GraphJson.Serialize(n));
                        return row;
                    }).ToList();
                    await tx.RunAsync(UpsertNodes(group.Key), new() { ["rows"] = rows }, cancellationToken);
                    ReportChunk(chunk.Length);
                }
            }
            foreach (var group in batch.Relationships.GroupBy(r => r.Type))
            {
                foreach (var chunk in group.Chunk(500))
                {
                    var rows = chunk.Select(r =>
                    {
                        var row = Neo4jProperties.RelationshipRow(r);
                        (Neo4jProperties.PropsOf(row)["version"], Neo4jProperties.PropsOf(row)["data"]) = (version, GraphJson.Serialize(r));
                        return row;
                    }).ToList();
                    await tx.RunAsync(UpsertRelationships(group.Key), new() { ["rows"] = rows }, cancellationToken);
                    ReportChunk(chunk.Length);
                }
            }
            await tx.RunAsync(Bump, new() { ["version"] = version }, cancellationToken);
            if (batch.Change is { } change)
            {
                await tx.RunAsync(RecordChange, new()
                {
                    ["version"] = version, ["at"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["by"] = change.By, ["via"] = change.Via, ["summary"] = change.Summary,
                    ["items"] = JsonSerializer.Serialize(change.Items, GraphJson.Options), ["itemCount"] = change.ItemCount, ["nodes"] = change.NodeIds.Distinct().ToList(),
                }, cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return new WriteResult(version, batch.Nodes.Count, batch.Relationships.Count, batch.DeleteNodes.Count, deletedRelationships);
        }
        catch
        {
            await tx.RollbackAsync();
            throw;
        }
    }

    private static Dictionary<string, object?> Key(RelationshipKey key) => new() { ["from"] = key.From, ["type"] = RelationshipTypes.Name(key.Type), ["to"] = key.To };

    public async Task<IReadOnlyList<ValidationError>> CheckAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        return await CheckAsync(_api.QueryAsync, batch, cancellationToken);
    }

    /// <summary>The checks every store makes (<see cref="BatchChecks"/>): one read of the labels, one of the relationships to delete.</summary>
    private static async Task<List<ValidationError>> CheckAsync(Func<string, Dictionary<string, object?>, CancellationToken, Task<List<JsonElement[]>>> run, GraphBatch batch, CancellationToken cancellationToken)
    {
        var ids = BatchChecks.NodeIds(batch);
        var stored = ids.Count == 0 ? [] : (await run(NodeVersions, new() { ["ids"] = ids }, cancellationToken))
            .ToDictionary(r => r[0].GetString()!, r => Enum.Parse<NodeLabel>(r[1].GetString()!));
        var relationships = batch.DeleteRelationships.Count == 0 ? [] : (await run(RelationshipVersions, new() { ["keys"] = batch.DeleteRelationships.Select(Key).ToList() }, cancellationToken))
            .Select(r => RelationshipTypes.TryParse(r[1].GetString(), out var type) ? new RelationshipKey(type, r[0].GetString()!, r[2].GetString()!) : default).ToHashSet();
        return BatchChecks.Errors(batch, wanted => wanted.Where(stored.ContainsKey).ToDictionary(id => id, id => stored[id]), _ => relationships);
    }

    public async Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetVersionedNodeAsync(id, cancellationToken))?.Value;

    public async Task<Versioned<Node>?> GetVersionedNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        var row = (await _api.QueryAsync(GetNode, new() { ["id"] = id }, cancellationToken)).FirstOrDefault();
        return row is null ? null : new Versioned<Node>(GraphJson.DeserializeNode(row[0].GetString()!), row[1].GetInt64());
    }

    public async Task<Versioned<Relationship>?> GetVersionedRelationshipAsync(RelationshipKey key, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        var row = (await _api.QueryAsync(GetRelationship, new() { ["from"] = key.From, ["type"] = RelationshipTypes.Name(key.Type), ["to"] = key.To }, cancellationToken)).FirstOrDefault();
        return row is null ? null : new Versioned<Relationship>(GraphJson.DeserializeRelationship(row[0].GetString()!), row[1].GetInt64());
    }

    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        return (await _api.QueryAsync(RelationshipsOf, new() { ["id"] = nodeId }, cancellationToken)).Select(r => GraphJson.DeserializeRelationship(r[0].GetString()!)).ToList();
    }

    public async Task<IReadOnlyList<Versioned<Relationship>>> GetVersionedRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        return (await _api.QueryAsync(RelationshipsOf, new() { ["id"] = nodeId }, cancellationToken))
            .Select(r => new Versioned<Relationship>(GraphJson.DeserializeRelationship(r[0].GetString()!), r[1].GetInt64())).ToList();
    }

    public async Task<NetworkGraph> LoadGraphAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        // One transaction, so nodes, relationships and version belong together.
        var tx = await _api.BeginAsync(cancellationToken);
        try
        {
            var version = (await tx.RunAsync(Version, new(), cancellationToken)).Single()[0].GetInt64();
            var nodes = (await tx.RunAsync(AllNodes, new(), cancellationToken)).Select(r => GraphJson.DeserializeNode(r[0].GetString()!)).ToList();
            var relationships = (await tx.RunAsync(AllRelationships, new(), cancellationToken)).Select(r => GraphJson.DeserializeRelationship(r[0].GetString()!)).ToList();
            await tx.CommitAsync(cancellationToken);
            return new NetworkGraph(nodes, relationships, version);
        }
        catch
        {
            await tx.RollbackAsync();
            throw;
        }
    }

    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        return (await _api.QueryAsync(NodeVersions, new() { ["ids"] = ids.ToList() }, cancellationToken)).Select(r => r[0].GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<NetworkGraph> LoadAroundAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var reached = (await ExistingAsync(ids, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (reached.Count > 0)
            reached.UnionWith((await _api.QueryAsync(Neighbours, new() { ["ids"] = reached.ToList() }, cancellationToken)).Select(r => r[0].GetString()!));
        var all = reached.ToList();
        var nodes = (await _api.QueryAsync(NodesByIds, new() { ["ids"] = all }, cancellationToken)).Select(r => GraphJson.DeserializeNode(r[0].GetString()!)).ToList();
        var relationships = (await _api.QueryAsync(RelationshipsAmong, new() { ["ids"] = all }, cancellationToken)).Select(r => GraphJson.DeserializeRelationship(r[0].GetString()!)).ToList();
        return new NetworkGraph(nodes, relationships, await GetVersionAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<ChangeEntry>> GetChangesAsync(ChangeQuery query, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        // REVIEW: the filters run here rather than in Cypher, to keep to statements every Query API server runs alike;
        // a history of many thousand entries would want them in the WHERE clause and an index on (dataset, version).
        var rows = await _api.QueryAsync(Changes, new(), cancellationToken);
        return rows
            .Select(r => (Entry: new ChangeEntry(r[0].GetInt64(), DateTimeOffset.Parse(r[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture), r[2].GetString()!, r[3].GetString()!, r[4].GetString()!,
                JsonSerializer.Deserialize<List<ChangeItem>>(r[5].GetString()!, GraphJson.Options) ?? [], (int)r[6].GetInt64()), Nodes: r[7].EnumerateArray().Select(e => e.GetString()!).ToList()))
            .Where(x => query.Since is not { } since || x.Entry.At >= since)
            .Where(x => string.IsNullOrEmpty(query.By) || x.Entry.By == query.By)
            .Where(x => string.IsNullOrEmpty(query.Node) || x.Nodes.Contains(query.Node))
            .Where(x => query.Version is not { } v || x.Entry.Version == v)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .Select(x => x.Entry)
            .ToList();
    }

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken);
        return (await _api.QueryAsync(Version, new(), cancellationToken)).Single()[0].GetInt64();
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureInitialisedAsync(cancellationToken);
            var version = await GetVersionAsync(cancellationToken);
            var nodes = (int)(await _api.QueryAsync(CountNodes, new(), cancellationToken)).Single()[0].GetInt64();
            var relationships = (int)(await _api.QueryAsync(CountRelationships, new(), cancellationToken)).Single()[0].GetInt64();
            return new StoreHealth(true, "neo4j", $"{_api.Server} database '{_api.Database}', dataset '{_api.Dataset}'", version, nodes, relationships);
        }
        catch (GraphDatabaseUnavailableException e)
        {
            return new StoreHealth(false, "neo4j", $"graph database unavailable: {e.Message}", 0, 0, 0);
        }
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        _initialiseLock.Dispose();
    }

    private async Task EnsureInitialisedAsync(CancellationToken cancellationToken)
    {
        if (_initialised)
            return;
        await _initialiseLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialised)
                return;
            await _api.QueryAsync(Constraint, new(), cancellationToken);
            await _api.QueryAsync(MetaConstraint, new(), cancellationToken);
            await _api.QueryAsync(Init, new(), cancellationToken);
            _initialised = true;
        }
        finally
        {
            _initialiseLock.Release();
        }
    }
}
