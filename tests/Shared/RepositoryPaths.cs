namespace Network.Tests;

/// <summary>The repository's own files and fresh temporary folders, for every test project (linked into each).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NewTemporaryFolder(string area)
    {
        var path = Path.Combine(Path.GetTempPath(), area, Guid.NewGuid().ToString("N"));
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
