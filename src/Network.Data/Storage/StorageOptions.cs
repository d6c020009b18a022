namespace Network.Data.Storage;

/// <summary>Bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Sqlite (embedded, the default) or Neo4j.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder holding one database file per dataset; relative paths are under the app's content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>
    /// Where an admin puts large data folders to create datasets from on the server (too large to upload: the
    /// Import page's "Folders on the server"); relative paths are under the data folder. Default: incoming.
    /// </summary>
    public string ImportFolder { get; set; } = "incoming";

    /// <summary>The folder of the seed ecosystem CSV files; found by looking upwards for data/seed when not set.</summary>
    public string? SeedFolder { get; set; }

    /// <summary>Whether first start also creates the synthetic ecosystem as a second dataset.</summary>
    public bool SyntheticDataset { get; set; } = true;

    public int SyntheticMembers { get; set; } = 300;

    public int SyntheticSeed { get; set; } = 42;
}
