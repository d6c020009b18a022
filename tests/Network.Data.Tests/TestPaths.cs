using Network.Tests;

namespace Network.Data.Tests;

public static class TestPaths
{
    public static string SeedFolder => Path.Combine(RepositoryPaths.Root, "data", "seed");

    public static string NewTemporaryFolder() => RepositoryPaths.NewTemporaryFolder("network-tests");
}
