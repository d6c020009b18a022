using Network.Analysis.Domain;
using Network.Data.Mapping;

namespace Network.Data.Formats;

/// <summary>
/// A folder of CSV files, read through its mapping (a given mapping file, else the folder's own mapping.json) or,
/// without one, as the data/seed format. Every problem is a <see cref="ValidationFailedException"/> with file, row and column.
/// </summary>
public static class DataFolder
{
    public static string? MappingPath(string folder, string? mapping) =>
        mapping ?? (File.Exists(Path.Combine(folder, MappingFile.DefaultFileName)) ? Path.Combine(folder, MappingFile.DefaultFileName) : null);

    /// <param name="existing">The dataset the data goes into: its cities are matched, its nodes may be referred to.</param>
    public static NetworkGraph Read(string folder, string? mapping = null, NetworkGraph? existing = null)
    {
        if (MappingPath(folder, mapping) is not { } path)
            return CsvBundle.Read(folder);
        var result = MappingEngine.Read(MappingFile.Load(path), folder, existing);
        return result.Errors.Count > 0 ? throw new ValidationFailedException(result.Errors) : result.Graph;
    }

    /// <summary>
    /// Several folders read into one graph as a manager would import them one after the other: each matched against
    /// what the ones before it brought (their cities, their nodes).
    /// </summary>
    /// <summary>Every shipped dataset under <paramref name="dataFolder"/> read together: the seed, then CORDIS, then the twin towns.</summary>
    public static NetworkGraph ReadShipped(string dataFolder) =>
        ReadTogether([.. ShippedFolders.Select(f => Path.Combine(dataFolder, f))]);

    private static readonly string[] ShippedFolders = ["seed", "cordis-h2020-leuven", "sister-cities"];

    public static NetworkGraph ReadTogether(params string[] folders)
    {
        var together = new NetworkGraph([], [], 0);
        foreach (var folder in folders)
        {
            var next = Read(folder, existing: together);
            together = new NetworkGraph([.. together.Nodes, .. next.Nodes], [.. together.Relationships, .. next.Relationships], 0);
        }
        return together;
    }
}
