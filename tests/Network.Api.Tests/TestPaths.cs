namespace Network.Api.Tests;

/// <summary>Paths to the repository's own files and to per-test temporary folders.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SeedFolder => Path.Combine(RepositoryRoot, "data", "seed");

    public static string NewTemporaryFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "network-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Network.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Network.sln not found above " + AppContext.BaseDirectory);
    }
}
