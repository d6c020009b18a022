using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Network.Api.Datasets;

namespace Network.Api.Auth;

public sealed record UserAccount(string Name, string Role);

/// <summary>
/// Users (PBKDF2 password hashes, ASP.NET Core's <see cref="PasswordHasher{TUser}"/>) and API keys (SHA-256 of the
/// key; the key itself is shown once) in users.db beside the datasets. No default password exists: the first start
/// creates "admin" with a random password and returns it once to be printed.
/// </summary>
public sealed class UserStore
{
    private readonly string _connectionString;
    private readonly PasswordHasher<string> _hasher = new();

    public UserStore(DatasetCatalog catalog)
        : this(catalog.DataFolder)
    {
    }

    /// <param name="dataFolder">The folder of the datasets; users.db lives beside them.</param>
    public UserStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "users.db"), Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS api_keys (hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Creates the admin account when there are no users; returns its one-time password, or null.</summary>
    public string? EnsureAdmin()
    {
        using var connection = Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM users";
        if ((long)count.ExecuteScalar()! > 0)
            return null;
        var password = Base64Url(RandomNumberGenerator.GetBytes(18));
        SetUser("admin", password, Roles.Admin);
        return password;
    }

    public void SetUser(string name, string password, string role)
    {
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"Unknown role '{role}'.");
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users(name, password_hash, role) VALUES ($n, $h, $r) ON CONFLICT(name) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role";
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$h", _hasher.HashPassword(name, password));
        command.Parameters.AddWithValue("$r", role);
        command.ExecuteNonQuery();
    }

    public UserAccount? CheckPassword(string name, string password)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash, role FROM users WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return _hasher.VerifyHashedPassword(name, reader.GetString(0), password) == PasswordVerificationResult.Failed ? null : new UserAccount(name, reader.GetString(1));
    }

    /// <summary>Creates an API key; the returned key is the only copy.</summary>
    public string CreateApiKey(string name, string role)
    {
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"Unknown role '{role}'.");
        var key = "nk_" + Base64Url(RandomNumberGenerator.GetBytes(24));
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_keys(hash, name, role, created) VALUES ($h, $n, $r, $c)";
        command.Parameters.AddWithValue("$h", Hash(key));
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$r", role);
        command.Parameters.AddWithValue("$c", DateTimeOffset.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
        return key;
    }

    public UserAccount? CheckApiKey(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role FROM api_keys WHERE hash = $h";
        command.Parameters.AddWithValue("$h", Hash(key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new UserAccount("key:" + reader.GetString(0), reader.GetString(1)) : null;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
