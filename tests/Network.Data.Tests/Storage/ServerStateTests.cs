using Network.Data.Storage;

namespace Network.Data.Tests.Storage;

/// <summary>The one place that keeps the installation's documents besides the datasets' data.</summary>
public class ServerStateTests
{
    private readonly ServerState _state = new(TestPaths.NewTemporaryFolder());

    [Fact]
    public void ADocumentReadsBackAsWrittenAndIsReplacedWhole()
    {
        Assert.Null(_state.Read<List<string>>("resolution/seed/rejected.json"));
        _state.Write("resolution/seed/rejected.json", new List<string> { "a", "b" });
        _state.Write("resolution/seed/rejected.json", new List<string> { "c" });
        Assert.Equal(["c"], _state.Read<List<string>>("resolution/seed/rejected.json"));
        // Nothing is left beside it: the temporary file was renamed over the document.
        Assert.Equal(["rejected.json"], Directory.GetFiles(Path.Combine(_state.Folder, "resolution", "seed")).Select(Path.GetFileName));
    }

    [Fact]
    public void ACollectionListsItsDocumentsByName()
    {
        _state.Write("mappings/b.json", 1);
        _state.Write("mappings/a.json", 2);
        _state.Write("resolution/x/merge-1.json", 3);
        _state.Write("resolution/x/rejected.json", 4);
        Assert.Equal(["a", "b"], _state.Names("mappings"));
        Assert.Equal(["merge-1"], _state.Names("resolution/x", "merge-"));
        Assert.Empty(_state.Names("layouts"));
    }

    [Theory]
    [InlineData("../outside.json")]
    [InlineData("mappings/../../outside.json")]
    [InlineData("/etc/passwd")]
    public void NoDocumentLiesOutsideTheFolder(string document)
    {
        Assert.Throws<ArgumentException>(() => _state.Write(document, 1));
        Assert.Throws<ArgumentException>(() => _state.Read<int>(document));
    }
}
