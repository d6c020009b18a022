using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Network.Api.Datasets;

namespace Network.Api.Mapping;

/// <summary>Named mappings kept for next time, as JSON files under the data folder; the API and the import page both use these.</summary>
public static partial class SavedMappings
{
    public static bool IsName(string name) => SafeName().IsMatch(name);

    public static IReadOnlyList<string> Names(DatasetCatalog catalog) =>
        Directory.GetFiles(Folder(catalog), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();

    public static MappingFile? Load(DatasetCatalog catalog, string name) =>
        File.Exists(PathOf(catalog, name)) ? MappingFile.Load(PathOf(catalog, name)) : null;

    /// <summary>Writes the mapping atomically (a temporary file, then a rename).</summary>
    public static void Save(DatasetCatalog catalog, string name, MappingFile mapping)
    {
        var path = PathOf(catalog, name);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(mapping, MappingFile.Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static string Folder(DatasetCatalog catalog)
    {
        var folder = Path.Combine(catalog.DataFolder, "mappings");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string PathOf(DatasetCatalog catalog, string name) =>
        IsName(name) ? Path.Combine(Folder(catalog), name + ".json") : throw new BadHttpRequestException($"'{name}' is not a mapping name (letters, digits, dashes).");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,60}$")]
    private static partial Regex SafeName();
}
