using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Network.Analysis.Synthetic;
using Network.Data.Formats;
using Network.Data.Storage;

namespace Network.Api.Datasets;

/// <summary>
/// On first start, before the server listens: the seed ecosystem (from data/seed) and, unless switched off, the synthetic
/// one. Later starts find them in the catalog and do nothing. A graph database that is down does not stop the start:
/// /health, the API and the pages say it is unavailable until it is back.
/// </summary>
public sealed class DatasetSeeding(DatasetCatalog catalog, IOptions<StorageOptions> options, ILogger<DatasetSeeding> logger) : IHostedService
{
    public const string SeedDataset = "seed";
    public const string SyntheticDataset = "synthetic";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SeedAsync(cancellationToken);
        }
        catch (GraphDatabaseUnavailableException e)
        {
            logger.LogError("Graph database unavailable at start-up; the sample data is not seeded yet: {Message}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (catalog.Find(SeedDataset) is null)
        {
            if (catalog.Shipped.SeedFolder is not { } folder)
            {
                logger.LogWarning("No seed data found (looked for data/seed above the content root); set Storage:SeedFolder.");
            }
            else
            {
                await catalog.CreateFromFolderAsync(new DatasetInfo(SeedDataset, "Seed ecosystem (from the source documents)", false, $"data/{Path.GetFileName(folder.TrimEnd('/', '\\'))}"), folder, cancellationToken);
                logger.LogInformation("Seeded dataset '{Dataset}' from {Folder}", SeedDataset, folder);
            }
        }
        var settings = options.Value;
        if (settings.SyntheticDataset && catalog.Find(SyntheticDataset) is null)
        {
            var (members, seed) = (settings.SyntheticMembers, settings.SyntheticSeed);
            var generated = EcosystemGenerator.Generate(members, seed);
            var info = new DatasetInfo(SyntheticDataset, $"Synthetic {members}-member ecosystem", true, $"network generate --members {members} --seed {seed}");
            await catalog.CreateAsync(info, generated.Graph, cancellationToken);
            logger.LogInformation("Created dataset '{Dataset}' with {Nodes} synthetic nodes", SyntheticDataset, generated.Graph.Nodes.Count);
        }
    }
}
