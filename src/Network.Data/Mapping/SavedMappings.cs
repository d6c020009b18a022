using System.Text.RegularExpressions;
using Network.Analysis.Domain;
using Network.Data.Storage;

namespace Network.Data.Mapping;

/// <summary>Named mappings kept for next time, as documents of the server's state (mappings/{name}.json); the API and the import page both use these.</summary>
public static partial class SavedMappings
{
    public static bool IsName(string name) => SafeName().IsMatch(name);

    public static IReadOnlyList<string> Names(ServerState state) => state.Names("mappings");

    public static MappingFile? Load(ServerState state, string name) => state.Read<MappingFile>(DocumentOf(name), MappingFile.Json);

    /// <summary>Replaces the mapping of that name, atomically.</summary>
    public static void Save(ServerState state, string name, MappingFile mapping) => state.Write(DocumentOf(name), mapping, MappingFile.Json);

    private static string DocumentOf(string name) =>
        IsName(name) ? $"mappings/{name}.json" : throw new ValidationFailedException([new("mapping", "name", $"'{name}' is not a mapping name (letters, digits, dashes)")]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,60}$")]
    private static partial Regex SafeName();
}
