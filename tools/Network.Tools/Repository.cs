namespace Network.Tools;

internal static class Repository
{
    /// <summary>The repository's root: the first folder upwards from here that holds Network.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Network.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Run from inside the repository (no Network.sln above the current folder).");
    }
}
