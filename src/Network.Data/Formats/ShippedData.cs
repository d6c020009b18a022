namespace Network.Data.Formats;

/// <summary>
/// The data folders that ship with the product (data/seed, data/cordis-h2020-leuven, …): found by looking upwards from a
/// start folder for data/seed, or at a configured seed folder; every sibling with a mapping.json or in the seed format
/// can be imported by name.
/// </summary>
public sealed class ShippedData(string? seedFolder)
{
    public string? SeedFolder { get; } = seedFolder;

    /// <summary>The configured seed folder, else the first data/seed found above any of <paramref name="starts"/>.</summary>
    public static ShippedData Find(string? configured, params string[] starts) =>
        new(configured is not null ? Path.GetFullPath(configured) : starts.Select(Above).FirstOrDefault(f => f is not null));

    public IReadOnlyList<string> Folders() =>
        SeedFolder is null ? [] : Directory.GetDirectories(Path.GetDirectoryName(SeedFolder)!)
            .Where(d => File.Exists(Path.Combine(d, "mapping.json")) || CsvBundle.IsBundle(d))
            .Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();

    /// <summary>data/gazetteer/cities.tsv.gz beside the seed, when it ships.</summary>
    public string? GazetteerPath =>
        SeedFolder is not null && Path.Combine(Path.GetDirectoryName(SeedFolder)!, "gazetteer", "cities.tsv.gz") is var path && File.Exists(path) ? path : null;

    /// <summary>The full path of a shipped folder, or null when no folder of that name ships.</summary>
    public string? Folder(string name) =>
        Folders().Contains(name) ? Path.Combine(Path.GetDirectoryName(SeedFolder!)!, name) : null;

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "seed");
            if (File.Exists(Path.Combine(candidate, CsvBundle.Organisations.FileName)))
                return candidate;
        }
        return null;
    }
}
