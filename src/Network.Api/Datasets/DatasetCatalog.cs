using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Network.Analysis.Domain;
using Network.Analysis.Synthetic;
using Network.Api.Formats;
using Network.Api.Storage;

namespace Network.Api.Datasets;

/// <param name="Name">URL-safe key, e.g. "seed".</param>
/// <param name="Synthetic">Generated data: shown with a "synthetic" mark wherever it appears.</param>
/// <param name="Origin">Where the data came from: a folder, a generator command.</param>
public sealed record DatasetInfo(string Name, string Title, bool Synthetic, string Origin);

/// <summary>
/// The datasets of this installation, each its own store (one SQLite file per dataset under the data folder).
/// The list is kept in datasets.json beside the files, replaced atomically on change.
/// </summary>
public sealed partial class DatasetCatalog : IDisposable
{
    public const string SeedDataset = "seed";
    public const string Neo4jClient = "neo4j";
    public const string SyntheticDatasetName = "synthetic";

    private readonly ConcurrentDictionary<string, INetworkStore> _stores = new();
    private readonly Func<string, INetworkStore> _open;
    private readonly Lock _gate = new();
    private readonly StorageOptions _options;
    private readonly string _catalogPath;
    private List<DatasetInfo> _datasets;

    /// <param name="neo4j">With Storage:Provider = Neo4j: the HTTP client factory and options for the Neo4j store.</param>
    public DatasetCatalog(IOptions<StorageOptions> options, IHostEnvironment environment, (System.Net.Http.IHttpClientFactory Clients, Neo4jOptions Options)? neo4j = null)
    {
        _options = options.Value;
        DataFolder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, _options.DataFolder));
        Directory.CreateDirectory(DataFolder);
        _catalogPath = Path.Combine(DataFolder, "datasets.json");
        _datasets = File.Exists(_catalogPath)
            ? JsonSerializer.Deserialize<List<DatasetInfo>>(File.ReadAllText(_catalogPath), GraphJson.Options) ?? []
            : [];
        _open = string.Equals(_options.Provider, "Neo4j", StringComparison.OrdinalIgnoreCase)
            ? (neo4j is { } n ? name => new Neo4jNetworkStore(n.Clients.CreateClient(Neo4jClient), n.Options, name) : throw new InvalidOperationException("Storage:Provider is Neo4j but the Neo4j client is not configured."))
            : string.Equals(_options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase)
                ? name => new SqliteNetworkStore(Path.Combine(DataFolder, name + ".db"))
                : throw new InvalidOperationException($"Storage:Provider '{_options.Provider}' is not Sqlite or Neo4j.");
        SeedFolder = _options.SeedFolder is { } configured
            ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured))
            : FindSeedFolder(environment.ContentRootPath) ?? FindSeedFolder(AppContext.BaseDirectory);
    }

    public string DataFolder { get; }

    public string? SeedFolder { get; }

    /// <summary>The data folders shipped beside the seed (data/*), each importable by name: those with a mapping or in the seed format.</summary>
    public IReadOnlyList<string> ShippedFolders() =>
        SeedFolder is null ? [] : Directory.GetDirectories(Path.GetDirectoryName(SeedFolder)!)
            .Where(d => File.Exists(Path.Combine(d, "mapping.json")) || CsvBundle.IsBundle(d))
            .Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();

    public string? ShippedFolder(string name) =>
        ShippedFolders().Contains(name) ? Path.Combine(Path.GetDirectoryName(SeedFolder!)!, name) : null;

    public IReadOnlyList<DatasetInfo> List()
    {
        lock (_gate)
            return [.. _datasets];
    }

    public DatasetInfo? Find(string name) => List().FirstOrDefault(d => d.Name == name);

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
        return _stores.GetOrAdd(name, _open);
    }

    /// <summary>Creates a dataset and fills it with <paramref name="graph"/> in one transaction.</summary>
    public async Task<DatasetInfo> CreateAsync(DatasetInfo info, NetworkGraph graph, CancellationToken cancellationToken = default)
    {
        if (!DatasetName().IsMatch(info.Name))
            throw new ValidationFailedException([new("dataset", "name", $"'{info.Name}' must be 1–40 lower-case letters, digits or dashes")]);
        // One creation at a time: two requests for the same name must not both find it free.
        await _creating.WaitAsync(cancellationToken);
        try
        {
            return await CreateOneAsync(info, graph, cancellationToken);
        }
        finally
        {
            _creating.Release();
        }
    }

    private readonly SemaphoreSlim _creating = new(1, 1);

    private async Task<DatasetInfo> CreateOneAsync(DatasetInfo info, NetworkGraph graph, CancellationToken cancellationToken)
    {
        if (Find(info.Name) is not null)
            throw new ValidationFailedException([new("dataset", "name", $"a dataset '{info.Name}' exists already")]);

        var store = _stores.GetOrAdd(info.Name, _open);
        if (!graph.Nodes.Any() && !graph.Relationships.Any())
            await store.GetVersionAsync(cancellationToken);
        else
            await store.WriteAsync(GraphBatch.Of(graph) with { Change = new ChangeNote("system", "import", $"created the dataset from {info.Origin}", [], graph.Nodes.Count + graph.Relationships.Count) }, cancellationToken);

        lock (_gate)
        {
            _datasets = [.. _datasets, info];
            var temporary = _catalogPath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_datasets, GraphJson.Options));
            File.Move(temporary, _catalogPath, overwrite: true);
        }
        return info;
    }

    /// <summary>On first start: the seed ecosystem and (by default) the synthetic one. Later starts find them and do nothing.</summary>
    public async Task EnsureSeededAsync(ILogger logger, CancellationToken cancellationToken = default)
    {
        if (Find(SeedDataset) is null)
        {
            if (SeedFolder is null)
            {
                logger.LogWarning("No seed data found (looked for data/seed above the content root); set Storage:SeedFolder.");
            }
            else
            {
                var graph = CsvBundle.Read(SeedFolder);
                await CreateAsync(new DatasetInfo(SeedDataset, "Seed ecosystem (from the source documents)", false, SeedFolder), graph, cancellationToken);
                logger.LogInformation("Seeded dataset '{Dataset}' with {Nodes} nodes from {Folder}", SeedDataset, graph.Nodes.Count, SeedFolder);
            }
        }
        if (_options.SyntheticDataset && Find(SyntheticDatasetName) is null)
        {
            var (members, seed) = (_options.SyntheticMembers, _options.SyntheticSeed);
            var generated = EcosystemGenerator.Generate(members, seed);
            var info = new DatasetInfo(SyntheticDatasetName, $"Synthetic {members}-member ecosystem", true, $"network generate --members {members} --seed {seed}");
            await CreateAsync(info, generated.Graph, cancellationToken);
            logger.LogInformation("Created dataset '{Dataset}' with {Nodes} synthetic nodes", SyntheticDatasetName, generated.Graph.Nodes.Count);
        }
    }

    public void Dispose()
    {
        foreach (var store in _stores.Values.OfType<IDisposable>())
            store.Dispose();
    }

    private static string? FindSeedFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "seed");
            if (File.Exists(Path.Combine(candidate, CsvBundle.Organisations.FileName)))
                return candidate;
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex DatasetName();
}
