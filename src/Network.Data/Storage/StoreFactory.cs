namespace Network.Data.Storage;

/// <summary>Chooses the store of a dataset from Storage:Provider: one SQLite file per dataset in the data folder, or Neo4j.</summary>
public static class StoreFactory
{
    /// <param name="neo4jClient">Makes the HTTP client of the Neo4j store (with its resilience policy); needed only for Neo4j.</param>
    /// <returns>Opens a dataset's store by name; the flag says whether the dataset is being created (only then may a SQLite file be made).</returns>
    public static Func<string, bool, INetworkStore> For(StorageOptions options, string dataFolder, Func<HttpClient>? neo4jClient, Neo4jOptions? neo4j)
    {
        if (string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            return (name, create) => new SqliteNetworkStore(Path.Combine(dataFolder, name + ".db"), create);
        if (!string.Equals(options.Provider, "Neo4j", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not Sqlite or Neo4j.");
        if (neo4jClient is null || neo4j is null)
            throw new InvalidOperationException("Storage:Provider is Neo4j but the Neo4j client is not configured.");
        return (name, _) => new Neo4jNetworkStore(neo4jClient(), neo4j, neo4j.DatasetPrefix + name);
    }
}
