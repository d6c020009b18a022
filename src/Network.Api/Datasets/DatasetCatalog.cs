using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Network.Analysis.Domain;
using Network.Data.Formats;
using Network.Data.Imports;
using Network.Data.Storage;

namespace Network.Api.Datasets;

/// <param name="Name">URL-safe key, e.g. "seed".</param>
/// <param name="Synthetic">Generated data: shown with a "synthetic" mark wherever it appears.</param>
/// <param name="Origin">Where the data came from: a folder, a generator command.</param>
public sealed record DatasetInfo(string Name, string Title, bool Synthetic, string Origin)
{
    /// <summary>The home region an editor set (names of regions, countries or cities); null: the default, where the data concentrates.</summary>
    public IReadOnlyList<string>? HomeRegion { get; init; }

    /// <summary>Opened to anonymous readers (its pages, API reads and live events); off unless an admin opens it.</summary>
    public bool AnonymousRead { get; init; }

    /// <summary>Where the data came from as anyone may see it: never a folder of the server (an older catalog kept the seed's full path).</summary>
    public DatasetInfo Public() => Path.IsPathRooted(Origin) ? this with { Origin = $"data/{Path.GetFileName(Origin.TrimEnd('/', '\\'))}" } : this;
}

/// <summary>
/// The datasets of this installation, each its own store (one SQLite file per dataset under the data folder, or a
/// dataset name in Neo4j). The list is the document datasets.json of the server's state (<see cref="ServerState"/>).
/// </summary>
public sealed partial class DatasetCatalog : IDisposable
{
    private readonly ConcurrentDictionary<string, INetworkStore> _stores = new();
    private readonly Func<string, bool, INetworkStore> _open;
    private readonly Lock _gate = new();
    private List<DatasetInfo> _datasets;

    /// <param name="dataFolder">The installation's folder: datasets.json, the SQLite files, users.db, saved mappings.</param>
    /// <param name="open">Opens the store of a dataset by name (<see cref="StoreFactory"/>).</param>
    public DatasetCatalog(string dataFolder, Func<string, bool, INetworkStore> open, ShippedData shipped)
    {
        DataFolder = dataFolder;
        State = new ServerState(dataFolder);
        _datasets = State.Read<List<DatasetInfo>>(CatalogDocument) ?? [];
        _open = open;
        Shipped = shipped;
    }

    public string DataFolder { get; }

    /// <summary>What the installation keeps besides the datasets' data: this catalog, saved mappings, merge records, pins.</summary>
    public ServerState State { get; }

    private const string CatalogDocument = "datasets.json";

    /// <summary>The data folders shipped with the product, importable by name.</summary>
    public ShippedData Shipped { get; }

    public IReadOnlyList<DatasetInfo> List()
    {
        lock (_gate)
            return [.. _datasets.Select(d => d.Public())];
    }

    public DatasetInfo? Find(string name) => List().FirstOrDefault(d => d.Name == name);

    /// <summary>Whether <paramref name="name"/> can name a dataset (1–40 lower-case letters, digits or dashes).</summary>
    public static bool IsName(string name) => DatasetName().IsMatch(name);

    /// <summary>The named dataset, or the first one when no name is given; null for an unknown name or an empty catalog.</summary>
    public DatasetInfo? FindOrFirst(string? name)
    {
        if (name is not null)
            return Find(name);
        var all = List();
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>The store of a dataset; throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    public INetworkStore Store(string name)
    {
        if (Find(name) is null)
            throw new KeyNotFoundException($"No dataset '{name}'.");
        // A listed dataset's store is opened, never created: a missing file stays missing until restored.
        return _stores.GetOrAdd(name, n => _open(n, false));
    }

    /// <summary>Creates a dataset from a data folder (through its mapping.json, or in the data/seed format), read as every import reads.</summary>
    public Task<DatasetInfo> CreateFromFolderAsync(DatasetInfo info, string folder, CancellationToken cancellationToken = default)
    {
        var contents = Importer.Read(folder, Importer.MappingOf(folder, null), null);
        if (contents.Errors.Count > 0)
            throw new ValidationFailedException(CsvBundle.Locate(contents.Errors, contents.Locations).Distinct().ToList());
        return CreateAsync(info, contents.Graph, cancellationToken);
    }

    /// <summary>Creates a dataset and fills it with <paramref name="graph"/> in one transaction.</summary>
    public Task<DatasetInfo> CreateAsync(DatasetInfo info, NetworkGraph graph, CancellationToken cancellationToken = default) => CreateAsync(info, graph, null, cancellationToken);

    /// <param name="progress">Told the records written so far while the one transaction runs (see <see cref="GraphBatch.Progress"/>).</param>
    public async Task<DatasetInfo> CreateAsync(DatasetInfo info, NetworkGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (!DatasetName().IsMatch(info.Name))
            throw new ValidationFailedException([new("dataset", "name", $"'{info.Name}' must be 1–40 lower-case letters, digits or dashes")]);
        // One creation at a time: two requests for the same name must not both find it free.
        await _creating.WaitAsync(cancellationToken);
        try
        {
            return await CreateOneAsync(info, graph, progress, cancellationToken);
        }
        finally
        {
            _creating.Release();
        }
    }

    private readonly SemaphoreSlim _creating = new(1, 1);

    private async Task<DatasetInfo> CreateOneAsync(DatasetInfo info, NetworkGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (Find(info.Name) is not null)
            throw new ValidationFailedException([new("dataset", "name", $"a dataset '{info.Name}' exists already")]);

        var store = _stores.GetOrAdd(info.Name, n => _open(n, true));
        if (!graph.Nodes.Any() && !graph.Relationships.Any())
            await store.GetVersionAsync(cancellationToken);
        else
            await store.WriteAsync(GraphBatch.Of(graph) with { Change = new ChangeNote("system", "import", $"created the dataset from {info.Origin}", [], graph.Nodes.Count + graph.Relationships.Count), Progress = progress }, cancellationToken);

        lock (_gate)
        {
            _datasets = [.. _datasets, info];
            State.Write(CatalogDocument, _datasets);
        }
        return info;
    }

    /// <summary>Sets (or, with null, clears) a dataset's home region; returns the dataset as it is now.</summary>
    public DatasetInfo SetHomeRegion(string name, IReadOnlyList<string>? homeRegion) =>
        Change(name, d => d with { HomeRegion = homeRegion is { Count: > 0 } ? homeRegion : null });

    /// <summary>Opens a dataset to anonymous readers or closes it again.</summary>
    public DatasetInfo SetAnonymousRead(string name, bool open) => Change(name, d => d with { AnonymousRead = open });

    private DatasetInfo Change(string name, Func<DatasetInfo, DatasetInfo> change)
    {
        lock (_gate)
        {
            var index = _datasets.FindIndex(d => d.Name == name);
            if (index < 0)
                throw new KeyNotFoundException($"No dataset '{name}'.");
            var changed = change(_datasets[index]);
            _datasets = [.. _datasets[..index], changed, .. _datasets[(index + 1)..]];
            State.Write(CatalogDocument, _datasets);
            return changed;
        }
    }

    public void Dispose()
    {
        foreach (var store in _stores.Values.OfType<IDisposable>())
            store.Dispose();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex DatasetName();
}
