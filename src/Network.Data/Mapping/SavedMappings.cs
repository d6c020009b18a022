using System.Text.Json;
using System.Text.RegularExpressions;
using Network.Analysis.Domain;

namespace Network.Data.Mapping;

/// <summary>Named mappings kept for next time, as JSON files in the data folder's mappings/; the API and the import page both use these.</summary>
public static partial class SavedMappings
{
    public static bool IsName(string name) => SafeName().IsMatch(name);

    public static IReadOnlyList<string> Names(string dataFolder) =>
        Directory.GetFiles(Folder(dataFolder), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();

    public static MappingFile? Load(string dataFolder, string name) =>
        File.Exists(PathOf(dataFolder, name)) ? MappingFile.Load(PathOf(dataFolder, name)) : null;

    /// <summary>Writes the mapping atomically (a temporary file, then a rename).</summary>
    public static void Save(string dataFolder, string name, MappingFile mapping)
    {
        var path = PathOf(dataFolder, name);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(mapping, MappingFile.Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static string Folder(string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "mappings");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string PathOf(string dataFolder, string name) =>
        IsName(name) ? Path.Combine(Folder(dataFolder), name + ".json") : throw new ValidationFailedException([new("mapping", "name", $"'{name}' is not a mapping name (letters, digits, dashes)")]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,60}$")]
    private static partial Regex SafeName();
}
