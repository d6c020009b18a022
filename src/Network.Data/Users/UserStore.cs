using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Network.Data.Users;

public static class Roles
{
    public const string Viewer = "viewer", Editor = "editor", Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Editor, Admin];
}

/// <summary>
/// Who is signed in or calling: a user (or the key of one) with a role, and — for a partner who may edit only some
/// datasets — the datasets they may edit (null: every dataset their role allows).
/// </summary>
/// <param name="Stamp">Changes when the user signs out everywhere, is disabled or gets a new password; old sessions then end.</param>
/// <param name="Key">The API key's name, when the call came with a key.</param>
public sealed record UserAccount(string Name, string Role, IReadOnlyList<string>? Datasets = null, string? Stamp = null, string? Key = null);

/// <summary>A user as an admin sees it (never a password or key).</summary>
public sealed record UserInfo(string Name, string Role, bool Disabled, IReadOnlyList<string>? Datasets, DateTimeOffset Created, bool MustChangePassword, IReadOnlyList<KeyInfo> Keys);

/// <summary>An API key as its owner and admins see it: its id and name, never the key.</summary>
public sealed record KeyInfo(string Id, string Name, DateTimeOffset Created, DateTimeOffset? Expires, bool Expired);

/// <summary>A key just made: the only time the key itself is shown.</summary>
public sealed record NewKey(string Id, string Name, string Key, DateTimeOffset? Expires);

/// <summary>
/// Users (PBKDF2 password hashes, <see cref="PasswordHashes"/>) and API keys (SHA-256 of
/// the key, shown once, named, optionally expiring, owned by a user whose role and datasets they carry) in users.db
/// beside the datasets. No default password exists: the first start creates "admin" with a random password.
/// </summary>
public sealed partial class UserStore
{
    public const int MinimumPasswordLength = 12;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS api_keys (hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created TEXT NOT NULL);
        """,
        """
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN datasets TEXT;
        ALTER TABLE users ADD COLUMN created TEXT NOT NULL DEFAULT '';
        ALTER TABLE api_keys ADD COLUMN id TEXT;
        ALTER TABLE api_keys ADD COLUMN owner TEXT;
        ALTER TABLE api_keys ADD COLUMN expires TEXT;
        """,
    ];

    private readonly string _connectionString;
    /// <param name="dataFolder">The folder of the datasets; users.db lives beside them.</param>
    public UserStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "users.db"), Pooling = true }.ToString();
        using var connection = Open();
        Run(connection, "PRAGMA journal_mode = WAL");
        using var transaction = connection.BeginTransaction();
        var current = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        // A users.db from before versioning has the first tables already: CREATE TABLE IF NOT EXISTS keeps it.
        for (var step = current; step < Migrations.Length; step++)
            Run(connection, Migrations[step], transaction);
        Run(connection, $"PRAGMA user_version = {Migrations.Length}", transaction);
        transaction.Commit();
    }

    /// <summary>Creates the admin account when there are no users; returns its one-time password, or null.</summary>
    public string? EnsureAdmin()
    {
        using var connection = Open();
        if (Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*) FROM users"), CultureInfo.InvariantCulture) > 0)
            return null;
        var password = NewPassword();
        // Printed once in the log: a one-time password, replaced at the first sign-in like an invitation's.
        SetUser("admin", password, Roles.Admin, mustChange: true);
        return password;
    }

    /// <summary>A random password of 24 characters, for invitations and resets.</summary>
    public static string NewPassword() => Base64Url(RandomNumberGenerator.GetBytes(18));

    /// <summary>What is wrong with a password a person chose, or null: long enough, not the user's name, not a well-known one.</summary>
    public static string? PasswordProblem(string name, string password)
    {
        if (password.Length < MinimumPasswordLength)
            return $"use at least {MinimumPasswordLength} characters (a few words are easy to remember)";
        if (password.Contains(name, StringComparison.OrdinalIgnoreCase))
            return "do not use your user name in it";
        string[] common = ["password", "123456", "qwerty", "letmein", "welcome", "network", "admin"];
        return common.Any(c => password.Contains(c, StringComparison.OrdinalIgnoreCase) && password.Length < 20) ? "it is too easy to guess; add a few unusual words" : null;
    }

    /// <summary>Creates or replaces a user with a password (no policy check: the caller decides).</summary>
    public void SetUser(string name, string password, string role, IReadOnlyList<string>? datasets = null, bool mustChange = false)
    {
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"Unknown role '{role}'.");
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users(name, password_hash, role, datasets, must_change, stamp, created) VALUES ($n, $h, $r, $d, $m, $s, $c)
            ON CONFLICT(name) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, datasets = excluded.datasets,
                must_change = excluded.must_change, stamp = excluded.stamp
            """;
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$h", PasswordHashes.Hash(password));
        command.Parameters.AddWithValue("$r", role);
        command.Parameters.AddWithValue("$d", datasets is null ? DBNull.Value : JsonSerializer.Serialize(datasets));
        command.Parameters.AddWithValue("$m", mustChange ? 1 : 0);
        command.Parameters.AddWithValue("$s", NewStamp());
        command.Parameters.AddWithValue("$c", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public bool Exists(string name)
    {
        using var connection = Open();
        return Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*) FROM users WHERE name = $n", ("$n", name)), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The account of a name and password, or null; a disabled user cannot sign in.</summary>
    public UserAccount? CheckPassword(string name, string password)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash, role, datasets, stamp, disabled FROM users WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(4) != 0)
            return null;
        return !PasswordHashes.Verify(reader.GetString(0), password)
            ? null
            : new UserAccount(name, reader.GetString(1), Datasets(reader, 2), reader.GetString(3));
    }

    /// <summary>The current account of a user (for checking a session against it), or null when gone or disabled.</summary>
    public UserAccount? Find(string name)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, datasets, stamp FROM users WHERE name = $n AND disabled = 0";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new UserAccount(name, reader.GetString(0), Datasets(reader, 1), reader.GetString(2)) : null;
    }

    public bool MustChangePassword(string name)
    {
        using var connection = Open();
        return Convert.ToInt64(Scalar(connection, null, "SELECT must_change FROM users WHERE name = $n", ("$n", name)) ?? 0L, CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>A person's own new password (policy checked by the caller); other sessions end.</summary>
    public void ChangePassword(string name, string password)
    {
        using var connection = Open();
        Run(connection, "UPDATE users SET password_hash = $h, must_change = 0, stamp = $s WHERE name = $n", null,
            ("$h", PasswordHashes.Hash(password)), ("$s", NewStamp()), ("$n", name));
    }

    /// <summary>A new one-time password for a user (to be changed at first sign-in); every session ends.</summary>
    public string ResetPassword(string name)
    {
        var password = NewPassword();
        using var connection = Open();
        if (Run(connection, "UPDATE users SET password_hash = $h, must_change = 1, stamp = $s WHERE name = $n", null,
                ("$h", PasswordHashes.Hash(password)), ("$s", NewStamp()), ("$n", name)) == 0)
            throw new KeyNotFoundException($"No user '{name}'.");
        return password;
    }

    /// <summary>Changes role, datasets or disabled; disabling ends every session and stops every key at once.</summary>
    public void Update(string name, string? role = null, bool? disabled = null, IReadOnlyList<string>? datasets = null, bool clearDatasets = false)
    {
        if (role is not null && !Roles.All.Contains(role))
            throw new ArgumentException($"Unknown role '{role}'; use one of {string.Join(", ", Roles.All)}.");
        using var connection = Open();
        if (!Exists(name))
            throw new KeyNotFoundException($"No user '{name}'.");
        if (role is not null)
            Run(connection, "UPDATE users SET role = $r, stamp = $s WHERE name = $n", null, ("$r", role), ("$s", NewStamp()), ("$n", name));
        if (disabled is { } off)
            Run(connection, "UPDATE users SET disabled = $d, stamp = $s WHERE name = $n", null, ("$d", off ? 1 : 0), ("$s", NewStamp()), ("$n", name));
        if (datasets is not null || clearDatasets)
            Run(connection, "UPDATE users SET datasets = $d, stamp = $s WHERE name = $n", null, ("$d", clearDatasets ? DBNull.Value : JsonSerializer.Serialize(datasets)), ("$s", NewStamp()), ("$n", name));
    }

    /// <summary>Ends every session of a user (their keys keep working: revoke those one by one).</summary>
    public void SignOutEverywhere(string name)
    {
        using var connection = Open();
        Run(connection, "UPDATE users SET stamp = $s WHERE name = $n", null, ("$s", NewStamp()), ("$n", name));
    }

    public IReadOnlyList<UserInfo> List()
    {
        using var connection = Open();
        var keys = new Dictionary<string, List<KeyInfo>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT owner, id, name, created, expires FROM api_keys WHERE owner IS NOT NULL ORDER BY created";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!keys.TryGetValue(reader.GetString(0), out var list))
                    keys[reader.GetString(0)] = list = [];
                list.Add(Key(reader, 1));
            }
        }
        using var users = connection.CreateCommand();
        users.CommandText = "SELECT name, role, disabled, datasets, created, must_change FROM users ORDER BY name";
        using var rows = users.ExecuteReader();
        var result = new List<UserInfo>();
        while (rows.Read())
        {
            var created = DateTimeOffset.TryParse(rows.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.None, out var c) ? c : DateTimeOffset.MinValue;
            result.Add(new UserInfo(rows.GetString(0), rows.GetString(1), rows.GetInt64(2) != 0, Datasets(rows, 3), created, rows.GetInt64(5) != 0, keys.GetValueOrDefault(rows.GetString(0)) ?? []));
        }
        return result;
    }

    /// <summary>A key that acts as its owner (with the owner's role and datasets while the owner is enabled); shown once.</summary>
    public NewKey CreateKey(string owner, string name, DateTimeOffset? expires = null)
    {
        if (!Exists(owner))
            throw new KeyNotFoundException($"No user '{owner}'.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new ArgumentException("A key needs a name of 1–100 characters, e.g. what it is for.");
        var key = "nk_" + Base64Url(RandomNumberGenerator.GetBytes(24));
        var id = Base64Url(RandomNumberGenerator.GetBytes(6));
        using var connection = Open();
        Run(connection, "INSERT INTO api_keys(hash, id, name, owner, role, created, expires) VALUES ($h, $i, $n, $o, '', $c, $e)", null,
            ("$h", Hash(key)), ("$i", id), ("$n", name.Trim()), ("$o", owner), ("$c", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            ("$e", expires is { } e ? e.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value));
        return new NewKey(id, name.Trim(), key, expires);
    }

    public void RevokeKey(string owner, string id)
    {
        using var connection = Open();
        if (Run(connection, "DELETE FROM api_keys WHERE owner = $o AND id = $i", null, ("$o", owner), ("$i", id)) == 0)
            throw new KeyNotFoundException($"User '{owner}' has no key '{id}'.");
    }

    /// <summary>A service key with its own role and no owner (load tests, automation); shown once.</summary>
    public string CreateApiKey(string name, string role)
    {
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"Unknown role '{role}'.");
        var key = "nk_" + Base64Url(RandomNumberGenerator.GetBytes(24));
        using var connection = Open();
        Run(connection, "INSERT INTO api_keys(hash, id, name, role, created) VALUES ($h, $i, $n, $r, $c)", null,
            ("$h", Hash(key)), ("$i", Base64Url(RandomNumberGenerator.GetBytes(6))), ("$n", name), ("$r", role), ("$c", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        return key;
    }

    /// <summary>The account a key acts as; null for an unknown, expired or revoked key, or one whose owner is disabled.</summary>
    public UserAccount? CheckApiKey(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT k.name, k.role, k.owner, k.expires, u.role, u.datasets, u.disabled, u.stamp
            FROM api_keys k LEFT JOIN users u ON u.name = k.owner WHERE k.hash = $h
            """;
        command.Parameters.AddWithValue("$h", Hash(key));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        if (!reader.IsDBNull(3) && DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow)
            return null;
        if (reader.IsDBNull(2))
            return new UserAccount("key:" + reader.GetString(0), reader.GetString(1), Key: reader.GetString(0));
        if (reader.IsDBNull(4) || reader.GetInt64(6) != 0)
            return null;
        return new UserAccount(reader.GetString(2), reader.GetString(4), Datasets(reader, 5), reader.GetString(7), reader.GetString(0));
    }

    private static KeyInfo Key(SqliteDataReader reader, int at)
    {
        DateTimeOffset? expires = reader.IsDBNull(at + 3) ? null : DateTimeOffset.Parse(reader.GetString(at + 3), CultureInfo.InvariantCulture);
        return new KeyInfo(reader.GetString(at), reader.GetString(at + 1), DateTimeOffset.Parse(reader.GetString(at + 2), CultureInfo.InvariantCulture), expires, expires <= DateTimeOffset.UtcNow);
    }

    private static IReadOnlyList<string>? Datasets(SqliteDataReader reader, int at) =>
        reader.IsDBNull(at) ? null : JsonSerializer.Deserialize<List<string>>(reader.GetString(at));

    private static string NewStamp() => Base64Url(RandomNumberGenerator.GetBytes(12));

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int Run(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Creates a user with a one-time password they must change; null when the name is taken.</summary>
    public string? Invite(string name, string role, IReadOnlyList<string>? datasets)
    {
        if (name is null || !UserName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a user name: use 2–40 letters, digits, dots, dashes or underscores.");
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"'{role}' is not a role; use one of {string.Join(", ", Roles.All)}.");
        if (Exists(name))
            return null;
        var password = NewPassword();
        SetUser(name, password, role, datasets, mustChange: true);
        return password;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")]
    private static partial Regex UserName();
}
