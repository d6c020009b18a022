using System.Text.Json;

namespace Network.Data.Storage;

/// <summary>
/// Everything the product keeps besides the datasets' own data — the catalog of datasets (datasets.json), saved
/// mappings (mappings/), merge records and rejected pairs (resolution/{dataset}/), the map's pinned positions
/// (layouts/) — as small JSON documents in the data folder. This class is the one place that reads and writes them:
/// a document is replaced whole and atomically (written beside, flushed to disk, then renamed over the old one), so a
/// crash leaves the old document or the new, never half of one. With the SQLite store the datasets live in the same
/// folder; with Neo4j they live in Neo4j and this folder is the web server's only state (back it up, or mount it as a
/// volume, with the server). Users and keys are in users.db beside it.
/// </summary>
public sealed class ServerState
{
    public ServerState(string folder)
    {
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>The document, or null when there is none.</summary>
    /// <param name="document">A relative path such as "datasets.json" or "resolution/seed/rejected.json".</param>
    public T? Read<T>(string document, JsonSerializerOptions? options = null)
    {
        var path = PathOf(document);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), options ?? GraphJson.Options) : default;
    }

    public bool Exists(string document) => File.Exists(PathOf(document));

    /// <summary>Replaces the document atomically.</summary>
    public void Write<T>(string document, T value, JsonSerializerOptions? options = null)
    {
        var path = PathOf(document);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, value, options ?? GraphJson.Options);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The names (without ".json") of the documents in a collection, such as "mappings", in ordinal order.</summary>
    public IReadOnlyList<string> Names(string collection, string prefix = "")
    {
        var folder = PathOf(collection);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, prefix + "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The full path of a document, refusing any that would leave the folder.</summary>
    private string PathOf(string document)
    {
        var path = Path.GetFullPath(Path.Combine(Folder, document));
        if (Path.IsPathRooted(document) || !path.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{document}' is not a document of the server's state.", nameof(document));
        return path;
    }
}
