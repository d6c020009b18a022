using Network.Analysis.Domain;
using Network.Data.Formats;
using Network.Data.Mapping;
using Network.Data.Storage;

namespace Network.Data.Imports;

/// <summary>What a folder holds: the graph, where each record came from (file and row), the rows read per file and the problems found reading it.</summary>
/// <param name="Matches">Rows that update an organisation the dataset has already (a mapped import), with the evidence.</param>
public sealed record FolderContents(NetworkGraph Graph, IReadOnlyDictionary<string, string> Locations, IReadOnlyDictionary<string, int> RowsRead, IReadOnlyList<ValidationError> Errors, IReadOnlyList<Mapping.MappingEngine.RowMatch>? Matches = null);

/// <summary>The result of an import or a dry run: what was read, how much of it exists already, every problem (file, row, column), the version written.</summary>
public sealed record ImportOutcome(bool DryRun, FolderContents Contents, int Existing, IReadOnlyList<ValidationError> Errors, WriteResult? Written)
{
    public bool Valid => Errors.Count == 0;

    public long? Version => Written?.Version;

    public NetworkGraph Graph => Contents.Graph;
}

/// <summary>
/// The one way data comes in — an upload through the API or the import page, a shipped data folder, the CLI: read the
/// folder (through a mapping when there is one, else one GraphML or GEXF file, a Kumu sheet or the CSV files of the
/// data/seed format), go to the store once to learn what exists (the whole graph when a mapping must match cities,
/// else just which ids), and once to write — the store validates the batch inside its write transaction, so it is
/// checked once and written all or not at all. A dry run asks the store to check instead of write.
/// </summary>
public static class Importer
{
    /// <summary>The files an import accepts besides a mapping's own.</summary>
    public static IReadOnlySet<string> KnownFiles { get; } = CsvBundle.NodeFiles.Append(CsvBundle.Relationships).Select(f => f.FileName)
        .Append(KumuSheet.ElementsFile).Append(KumuSheet.ConnectionsFile).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The mapping a folder is read through: the given one, else the folder's mapping.json, else none.</summary>
    public static MappingFile? MappingOf(string folder, MappingFile? given) =>
        given ?? (DataFolder.MappingPath(folder, null) is { } path ? MappingFile.Load(path) : null);

    /// <summary>Reads a folder without touching a store; <paramref name="existing"/> is the dataset a mapping matches cities against.</summary>
    public static FolderContents Read(string folder, MappingFile? mapping, NetworkGraph? existing)
    {
        if (mapping is not null)
        {
            try
            {
                var result = MappingEngine.Read(mapping, folder, existing);
                return new(result.Graph, new Dictionary<string, string>(), result.RowsRead, result.Errors, result.Matches);
            }
            catch (ValidationFailedException e)
            {
                return new(NetworkGraph.Empty, new Dictionary<string, string>(), new Dictionary<string, int>(), e.Errors);
            }
        }
        var files = Directory.GetFiles(folder);
        var xml = files.Where(f => Path.GetExtension(f).ToLowerInvariant() is ".graphml" or ".gexf").ToList();
        if (xml.Count > 0)
        {
            if (files.Length > 1)
                throw new InvalidDataException("Send one GraphML or GEXF file on its own.");
            var graph = PlainGraphs.ToDomain(GraphFiles.Read(xml[0]), Path.GetFileName(xml[0]));
            return new(graph, new Dictionary<string, string>(), new Dictionary<string, int> { [Path.GetFileName(xml[0])] = graph.Nodes.Count }, []);
        }
        if (KumuSheet.IsSheet(folder))
        {
            var (sheet, errors) = KumuSheet.Read(folder);
            return new(sheet, new Dictionary<string, string>(), new Dictionary<string, int>(), errors);
        }
        var (bundle, locations, rowErrors) = CsvBundle.ReadLocated(folder, standalone: false);
        return new(bundle, locations, new Dictionary<string, int>(), rowErrors);
    }

    /// <param name="write">Writes the batch (the API's writer, which records who and announces it; or the store itself).</param>
    public static async Task<ImportOutcome> RunAsync(INetworkStore store, string folder, MappingFile? mapping, bool dryRun,
        Func<GraphBatch, CancellationToken, Task<WriteResult>> write, CancellationToken cancellationToken = default)
    {
        mapping = MappingOf(folder, mapping);
        // A mapping matches the dataset's cities: then the one read is the dataset itself, and what exists follows from it.
        var existing = mapping is not null ? await store.LoadGraphAsync(cancellationToken) : null;
        return await ApplyAsync(store, Read(folder, mapping, existing), existing, dryRun, write, cancellationToken);
    }

    /// <summary>
    /// Checks or writes what was read. <paramref name="existing"/> is the dataset when it was read already (or is known
    /// to be empty); otherwise the one read asks the store which of the ids exist.
    /// </summary>
    public static async Task<ImportOutcome> ApplyAsync(INetworkStore store, FolderContents contents, NetworkGraph? existing, bool dryRun,
        Func<GraphBatch, CancellationToken, Task<WriteResult>> write, CancellationToken cancellationToken = default)
    {
        var ids = contents.Graph.Nodes.Select(n => n.Id).ToList();
        var stored = existing is not null
            ? ids.Count(existing.NodesById().ContainsKey)
            : (await store.ExistingAsync(ids, cancellationToken)).Count;
        var batch = GraphBatch.Of(contents.Graph);
        // A dry run, or rows that could not be read: nothing is written, and every problem is reported — the rows' and
        // those the store finds in the rest (a relationship to a record that does not exist, …).
        if (dryRun || contents.Errors.Count > 0)
            return new(dryRun, contents, stored, contents.Errors.Concat(CsvBundle.Locate(await store.CheckAsync(batch, cancellationToken), contents.Locations)).Distinct().ToList(), null);
        try
        {
            return new(false, contents, stored, [], await write(batch, cancellationToken));
        }
        catch (ValidationFailedException e)
        {
            return new(false, contents, stored, CsvBundle.Locate(e.Errors, contents.Locations).Distinct().ToList(), null);
        }
    }
}
