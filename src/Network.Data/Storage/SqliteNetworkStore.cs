using System.Text.Json;
using Microsoft.Data.Sqlite;
using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Nodes and relationships are rows whose typed properties sit in a
/// JSON column; ids, labels, types and ends are real columns with keys, so lookups and cascades stay in SQL.
/// Each batch is one IMMEDIATE transaction, so a killed process leaves the whole batch or none of it.
/// </summary>
public sealed class SqliteNetworkStore : INetworkStore, IDisposable
{
    // Each entry moves the schema from version i to i + 1; PRAGMA user_version records how far a file has come.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE nodes (
            id TEXT NOT NULL PRIMARY KEY,
            label TEXT NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            source TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE INDEX nodes_label ON nodes(label, name);
        CREATE TABLE relationships (
            type TEXT NOT NULL,
            from_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
            to_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
            data TEXT NOT NULL,
            source TEXT NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (from_id, type, to_id)
        );
        CREATE INDEX relationships_to ON relationships(to_id);
        CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta(key, value) VALUES ('data_version', '0');
        """,
        """
        CREATE TABLE changes (
            version INTEGER NOT NULL PRIMARY KEY,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            via TEXT NOT NULL,
            summary TEXT NOT NULL,
            items TEXT NOT NULL,
            item_count INTEGER NOT NULL
        );
        CREATE INDEX changes_by ON changes(by, version);
        CREATE TABLE change_nodes (
            version INTEGER NOT NULL REFERENCES changes(version),
            node_id TEXT NOT NULL,
            PRIMARY KEY (node_id, version)
        );
        """,
    ];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <param name="create">
    /// Whether a missing file may be created (a new dataset, a new import target). A dataset the catalog lists is opened
    /// with false: its file missing at start is reported missing (503, /health unhealthy) until it is restored from a
    /// backup — never silently replaced by an empty store beside the write-ahead log it left.
    /// </param>
    public SqliteNetworkStore(string path, bool create = true)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (!create && !File.Exists(Path))
            throw new GraphDatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(Path)} is missing; nothing was read or written. Restore it from a backup (network restore), or ask an admin.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        try
        {
            Migrate();
        }
        catch (SqliteException e)
        {
            // A file that is not a database (overwritten, truncated) is a store that cannot be used, not a crash.
            throw new GraphDatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(Path)} cannot be opened ({e.Message}); restore it from a backup.", e);
        }
        // From now on the file must exist: a connection must never create an empty one in place of a deleted file.
        _connectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
    }

    public string Path { get; }

    public static int SchemaVersion => Migrations.Length;

    public async Task<WriteResult> WriteAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            EnsureIntact();
            EnsureWritable();
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);

            CheckExpectedVersions(connection, transaction, batch);
            var errors = Check(connection, transaction, batch);
            if (errors.Count > 0)
                throw new ValidationFailedException(errors);

            var version = ReadVersion(connection, transaction) + 1;
            var deletedRelationships = 0;
            var written = 0;

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM relationships WHERE from_id = $from AND type = $type AND to_id = $to";
                var (from, type, to) = (command.Parameters.Add("$from", SqliteType.Text), command.Parameters.Add("$type", SqliteType.Text), command.Parameters.Add("$to", SqliteType.Text));
                foreach (var key in batch.DeleteRelationships)
                {
                    (from.Value, type.Value, to.Value) = (key.From, RelationshipTypes.Name(key.Type), key.To);
                    deletedRelationships += command.ExecuteNonQuery();
                }
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM relationships WHERE from_id = $id OR to_id = $id;
                    DELETE FROM nodes WHERE id = $id;
                    """;
                var id = command.Parameters.Add("$id", SqliteType.Text);
                foreach (var nodeId in batch.DeleteNodes)
                {
                    id.Value = nodeId;
                    // The first statement's count is the relationships; the node row is always exactly one.
                    deletedRelationships += command.ExecuteNonQuery() - 1;
                }
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO nodes(id, label, name, data, source, version) VALUES ($id, $label, $name, $data, $source, $version)
                    ON CONFLICT(id) DO UPDATE SET label = excluded.label, name = excluded.name, data = excluded.data,
                        source = excluded.source, version = excluded.version
                    """;
                var p = command.Parameters;
                var (id, label, name, data, source) = (p.Add("$id", SqliteType.Text), p.Add("$label", SqliteType.Text), p.Add("$name", SqliteType.Text), p.Add("$data", SqliteType.Text), p.Add("$source", SqliteType.Text));
                p.AddWithValue("$version", version);
                foreach (var node in batch.Nodes)
                {
                    (id.Value, label.Value, name.Value) = (node.Id, node.Label.ToString(), node.DisplayName);
                    (data.Value, source.Value) = (GraphJson.Serialize(node), node.Source);
                    command.ExecuteNonQuery();
                    batch.Report(++written);
                }
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO relationships(type, from_id, to_id, data, source, version) VALUES ($type, $from, $to, $data, $source, $version)
                    ON CONFLICT(from_id, type, to_id) DO UPDATE SET data = excluded.data, source = excluded.source, version = excluded.version
                    """;
                var p = command.Parameters;
                var (type, from, to, data, source) = (p.Add("$type", SqliteType.Text), p.Add("$from", SqliteType.Text), p.Add("$to", SqliteType.Text), p.Add("$data", SqliteType.Text), p.Add("$source", SqliteType.Text));
                p.AddWithValue("$version", version);
                foreach (var rel in batch.Relationships)
                {
                    (type.Value, from.Value, to.Value) = (RelationshipTypes.Name(rel.Type), rel.From, rel.To);
                    (data.Value, source.Value) = (GraphJson.Serialize(rel), rel.Source);
                    command.ExecuteNonQuery();
                    batch.Report(++written);
                }
            }

            Execute(connection, transaction, "UPDATE meta SET value = $v WHERE key = 'data_version'", ("$v", version.ToString()));
            if (batch.Change is { } change)
                RecordChange(connection, transaction, version, change);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            _lastWriteFailure = null;
            return new WriteResult(version, batch.Nodes.Count, batch.Relationships.Count, batch.DeleteNodes.Count, deletedRelationships);
        }
        catch (Exception e) when (e is SqliteException or IOException or GraphDatabaseUnavailableException)
        {
            _lastWriteFailure = $"the last write failed at {DateTimeOffset.UtcNow:HH:mm:ss} UTC ({e.Message})";
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>After a failed write: whether a write goes through now (one committed no-op), clearing the failure if so.</summary>
    private bool WritesAgain(SqliteConnection connection)
    {
        if (!_writeLock.Wait(TimeSpan.FromSeconds(5)))
            return false;
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, "UPDATE meta SET value = value WHERE key = 'store_id'");
            transaction.Commit();
            _lastWriteFailure = null;
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Why the last write failed, until one succeeds again: health reports it, so /health never says healthy while writes fail.</summary>
    private volatile string? _lastWriteFailure;

    /// <summary>
    /// The database and its write-ahead log must be openable for writing (a file made read-only or immutable, or a
    /// file system remounted read-only, fails here — SQLite itself would quietly open such a file read-only).
    /// </summary>
    private void EnsureWritable()
    {
        foreach (var file in new[] { Path, Path + "-wal" })
        {
            try
            {
                using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException) when (file != Path)
            {
                // No write-ahead log yet: SQLite creates it beside a writable database.
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new GraphDatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(file)} cannot be written (the file system refused: {(e is UnauthorizedAccessException ? "access denied" : "I/O error")}); nothing was written.", e);
            }
        }
    }

    private static void RecordChange(SqliteConnection connection, SqliteTransaction transaction, long version, ChangeNote change)
    {
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO changes(version, at, by, via, summary, items, item_count) VALUES ($version, $at, $by, $via, $summary, $items, $count)";
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$by", change.By);
            command.Parameters.AddWithValue("$via", change.Via);
            command.Parameters.AddWithValue("$summary", change.Summary);
            command.Parameters.AddWithValue("$items", JsonSerializer.Serialize(change.Items, GraphJson.Options));
            command.Parameters.AddWithValue("$count", change.ItemCount);
            command.ExecuteNonQuery();
        }
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO change_nodes(version, node_id) VALUES ($version, $id)";
            command.Parameters.AddWithValue("$version", version);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var nodeId in change.NodeIds.Distinct())
            {
                id.Value = nodeId;
                command.ExecuteNonQuery();
            }
        }
    }

    public Task<IReadOnlyList<ChangeEntry>> GetChangesAsync(ChangeQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Since is { } since)
        {
            where.Add("c.at >= $since");
            command.Parameters.AddWithValue("$since", since.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (query.By is { Length: > 0 } by)
        {
            where.Add("c.by = $by");
            command.Parameters.AddWithValue("$by", by);
        }
        if (query.Node is { Length: > 0 } node)
        {
            where.Add("c.version IN (SELECT version FROM change_nodes WHERE node_id = $node)");
            command.Parameters.AddWithValue("$node", node);
        }
        if (query.Version is { } exact)
        {
            where.Add("c.version = $exact");
            command.Parameters.AddWithValue("$exact", exact);
        }
        command.CommandText = "SELECT c.version, c.at, c.by, c.via, c.summary, c.items, c.item_count FROM changes c"
            + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY c.version DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 1000));
        var entries = new List<ChangeEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ChangeEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4),
                JsonSerializer.Deserialize<List<ChangeItem>>(reader.GetString(5), GraphJson.Options) ?? [], reader.GetInt32(6)));
        }
        return Task.FromResult<IReadOnlyList<ChangeEntry>>(entries);
    }

    public Task<IReadOnlyList<ValidationError>> CheckAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return Task.FromResult<IReadOnlyList<ValidationError>>(Check(connection, transaction, batch));
    }

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM nodes WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteScalar() is string json ? GraphJson.DeserializeNode(json) : null);
    }

    public Task<Versioned<Node>?> GetVersionedNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version FROM nodes WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new Versioned<Node>(GraphJson.DeserializeNode(reader.GetString(0)), reader.GetInt64(1)) : null);
    }

    public Task<Versioned<Relationship>?> GetVersionedRelationshipAsync(RelationshipKey key, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version FROM relationships WHERE from_id = $from AND type = $type AND to_id = $to";
        command.Parameters.AddWithValue("$from", key.From);
        command.Parameters.AddWithValue("$type", RelationshipTypes.Name(key.Type));
        command.Parameters.AddWithValue("$to", key.To);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new Versioned<Relationship>(GraphJson.DeserializeRelationship(reader.GetString(0)), reader.GetInt64(1)) : null);
    }

    public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM relationships WHERE from_id = $id UNION ALL SELECT data FROM relationships WHERE to_id = $id";
        command.Parameters.AddWithValue("$id", nodeId);
        return Task.FromResult<IReadOnlyList<Relationship>>(ReadRelationships(command));
    }

    public Task<IReadOnlyList<Versioned<Relationship>>> GetVersionedRelationshipsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version FROM relationships WHERE from_id = $id UNION ALL SELECT data, version FROM relationships WHERE to_id = $id AND from_id <> $id";
        command.Parameters.AddWithValue("$id", nodeId);
        var found = new List<Versioned<Relationship>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            found.Add(new Versioned<Relationship>(GraphJson.DeserializeRelationship(reader.GetString(0)), reader.GetInt64(1)));
        return Task.FromResult<IReadOnlyList<Versioned<Relationship>>>(found);
    }

    public Task<NetworkGraph> LoadGraphAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = ReadVersion(connection, transaction);
        using var nodesCommand = connection.CreateCommand();
        nodesCommand.Transaction = transaction;
        nodesCommand.CommandText = "SELECT data FROM nodes ORDER BY rowid";
        var nodes = ReadNodes(nodesCommand);
        using var relsCommand = connection.CreateCommand();
        relsCommand.Transaction = transaction;
        relsCommand.CommandText = "SELECT data FROM relationships ORDER BY rowid";
        var relationships = ReadRelationships(relsCommand);
        transaction.Commit();
        return Task.FromResult(new NetworkGraph(nodes, relationships, version));
    }

    public Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        IReadOnlySet<string> existing = StoredLabels(connection, transaction, ids).Keys.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(existing);
    }

    public Task<NetworkGraph> LoadAroundAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = ReadVersion(connection, transaction);

        var reached = StoredLabels(connection, transaction, ids).Keys.ToHashSet(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT to_id FROM relationships WHERE from_id IN (SELECT value FROM json_each($ids))
                UNION SELECT from_id FROM relationships WHERE to_id IN (SELECT value FROM json_each($ids))
                """;
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(reached.ToList()));
            using var reader = command.ExecuteReader();
            var next = new List<string>();
            while (reader.Read())
                next.Add(reader.GetString(0));
            reached.UnionWith(next);
        }

        var idsJson = JsonSerializer.Serialize(reached);
        using var nodesCommand = connection.CreateCommand();
        nodesCommand.Transaction = transaction;
        nodesCommand.CommandText = "SELECT data FROM nodes WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY rowid";
        nodesCommand.Parameters.AddWithValue("$ids", idsJson);
        var nodes = ReadNodes(nodesCommand);
        using var relsCommand = connection.CreateCommand();
        relsCommand.Transaction = transaction;
        relsCommand.CommandText = """
            SELECT data FROM relationships
            WHERE from_id IN (SELECT value FROM json_each($ids)) AND to_id IN (SELECT value FROM json_each($ids))
            ORDER BY rowid
            """;
        relsCommand.Parameters.AddWithValue("$ids", idsJson);
        var relationships = ReadRelationships(relsCommand);
        transaction.Commit();
        return Task.FromResult(new NetworkGraph(nodes, relationships, version));
    }

    public Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        EnsureIntact();
        using var connection = Open();
        return Task.FromResult(ReadVersion(connection, null));
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            EnsureIntact();
            EnsureWritable();
            using var connection = Open();
            if (_lastWriteFailure is { } failure && !WritesAgain(connection))
                return Task.FromResult(new StoreHealth(false, "sqlite", $"{Path}: {failure}", 0, 0, 0));
            using var transaction = connection.BeginTransaction(deferred: true);
            var version = ReadVersion(connection, transaction);
            var nodes = Convert.ToInt32(Scalar(connection, transaction, "SELECT COUNT(*) FROM nodes"));
            var relationships = Convert.ToInt32(Scalar(connection, transaction, "SELECT COUNT(*) FROM relationships"));
            var journal = Scalar(connection, transaction, "PRAGMA journal_mode");
            return Task.FromResult(new StoreHealth(true, "sqlite", $"{Path} (journal {journal}, schema {SchemaVersion})", version, nodes, relationships));
        }
        catch (Exception e) when (e is SqliteException or GraphDatabaseUnavailableException)
        {
            return Task.FromResult(new StoreHealth(false, "sqlite", $"{Path}: {e.Message}", 0, 0, 0));
        }
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        // Pooled connections keep the file open; tests delete their files, so let go of them.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open() => OpenDurable(_connectionString);

    /// <summary>
    /// A connection with the settings every store of the product needs: cascades need foreign keys; FULL makes each
    /// commit durable, not only crash-safe (also the survey store's).
    /// </summary>
    public static SqliteConnection OpenDurable(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
        command.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL");
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"));
        if (current > Migrations.Length)
            throw new InvalidOperationException($"The database {Path} has schema version {current}, newer than this program knows ({Migrations.Length}). Upgrade the program.");
        for (var step = current; step < Migrations.Length; step++)
            Execute(connection, transaction, Migrations[step]);
        Execute(connection, transaction, $"PRAGMA user_version = {Migrations.Length}");
        Execute(connection, transaction, "INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', $id)", ("$id", Guid.NewGuid().ToString("N")));
        _storeId = (string)Scalar(connection, transaction, "SELECT value FROM meta WHERE key = 'store_id'")!;
        if (Convert.ToString(Scalar(connection, transaction, "PRAGMA quick_check"), System.Globalization.CultureInfo.InvariantCulture) is not "ok" and var problem)
            throw new GraphDatabaseUnavailableException($"The database file {Path} is damaged ({problem}); restore it from a backup.");
        transaction.Commit();
    }

    private string _storeId = "";

    /// <summary>
    /// Whether the file this store opened is still the one on disk: present, readable and with the same identity (a
    /// pooled connection would go on writing into a deleted or replaced file, and those writes would be lost). Checked
    /// before every write and every read of the version, with a fresh, unpooled connection.
    /// </summary>
    private void EnsureIntact()
    {
        if (!File.Exists(Path))
            throw new GraphDatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(Path)} is missing; nothing was read or written.");
        try
        {
            using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 5 }.ToString());
            check.Open();
            if (Scalar(check, null, "SELECT value FROM meta WHERE key = 'store_id'") as string != _storeId)
                throw new GraphDatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(Path)} was replaced while the server ran; nothing was read or written. Restart the server to open the new file.");
        }
        catch (SqliteException e)
        {
            throw new GraphDatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(Path)} cannot be read ({e.SqliteErrorCode}); nothing was read or written.", e);
        }
    }

    private static Dictionary<string, NodeLabel> StoredLabels(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyCollection<string> ids)
    {
        var labels = new Dictionary<string, NodeLabel>(StringComparer.Ordinal);
        if (ids.Count == 0)
            return labels;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, label FROM nodes WHERE id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            labels[reader.GetString(0)] = Enum.Parse<NodeLabel>(reader.GetString(1));
        return labels;
    }

    private static void CheckExpectedVersions(SqliteConnection connection, SqliteTransaction transaction, GraphBatch batch)
    {
        foreach (var (id, expected) in batch.ExpectedNodeVersions)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM nodes WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            var actual = command.ExecuteScalar() is long v ? v : (long?)null;
            if (actual != (expected == 0 ? null : expected))
                throw new ConcurrencyConflictException($"Node '{id}'", expected, actual);
        }
        foreach (var (key, expected) in batch.ExpectedRelationshipVersions)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM relationships WHERE from_id = $from AND type = $type AND to_id = $to";
            command.Parameters.AddWithValue("$from", key.From);
            command.Parameters.AddWithValue("$type", RelationshipTypes.Name(key.Type));
            command.Parameters.AddWithValue("$to", key.To);
            var actual = command.ExecuteScalar() is long v ? v : (long?)null;
            if (actual != (expected == 0 ? null : expected))
                throw new ConcurrencyConflictException($"Relationship {key}", expected, actual);
        }
    }

    /// <summary>The checks every store makes (<see cref="BatchChecks"/>) against this file.</summary>
    private static List<ValidationError> Check(SqliteConnection connection, SqliteTransaction transaction, GraphBatch batch) =>
        BatchChecks.Errors(batch, ids => StoredLabels(connection, transaction, ids), keys => StoredRelationships(connection, transaction, keys));

    private static HashSet<RelationshipKey> StoredRelationships(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RelationshipKey> keys)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM relationships WHERE from_id = $from AND type = $type AND to_id = $to";
        var (from, type, to) = (command.Parameters.Add("$from", SqliteType.Text), command.Parameters.Add("$type", SqliteType.Text), command.Parameters.Add("$to", SqliteType.Text));
        var stored = new HashSet<RelationshipKey>();
        foreach (var key in keys)
        {
            (from.Value, type.Value, to.Value) = (key.From, RelationshipTypes.Name(key.Type), key.To);
            if (command.ExecuteScalar() is not null)
                stored.Add(key);
        }
        return stored;
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        long.Parse((string)Scalar(connection, transaction, "SELECT value FROM meta WHERE key = 'data_version'")!);

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private static List<Node> ReadNodes(SqliteCommand command)
    {
        var nodes = new List<Node>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            nodes.Add(GraphJson.DeserializeNode(reader.GetString(0)));
        return nodes;
    }

    private static List<Relationship> ReadRelationships(SqliteCommand command)
    {
        var relationships = new List<Relationship>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            relationships.Add(GraphJson.DeserializeRelationship(reader.GetString(0)));
        return relationships;
    }
}
