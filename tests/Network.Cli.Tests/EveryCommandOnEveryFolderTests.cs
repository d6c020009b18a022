using Network.Analysis.Domain;
using Network.Data.Formats;

namespace Network.Cli.Tests;

/// <summary>
/// Every command that takes a folder reads each data folder under data/ (one with a mapping.json or in the seed's CSV
/// format; data/gazetteer is a lookup table, not data) the same way: through its mapping.json when it has one.
/// </summary>
public class EveryCommandOnEveryFolderTests
{
    public static TheoryData<string> Folders()
    {
        var folders = new TheoryData<string>();
        var shipped = new ShippedData(Path.Combine(Cli.RepositoryRoot, "data", "seed")).Folders();
        Assert.Equal(Directory.GetDirectories(Path.Combine(Cli.RepositoryRoot, "data")).Length - 1, shipped.Count);
        foreach (var folder in shipped)
            folders.Add(folder);
        return folders;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task AnalyzeReportAndWhatIfSucceed(string name)
    {
        var folder = Path.Combine("data", name);
        var graph = DataFolder.Read(Path.Combine(Cli.RepositoryRoot, folder));
        // The best-connected organisation (or the first record of a folder with none) is the one to remove.
        var id = graph.OfType<Organisation>().Select(o => o.Id)
            .OrderByDescending(o => graph.Relationships.Count(r => r.From == o || r.To == o)).FirstOrDefault() ?? graph.Nodes.First(n => n is Agreement or Person or Event or City).Id;

        var analyze = await Cli.RunAsync("analyze", folder);
        Assert.True(analyze.ExitCode == 0, analyze.Error);
        var report = await Cli.RunAsync("report", folder, "--out", Path.Combine(Cli.NewTemporaryFolder(), "report.md"));
        Assert.True(report.ExitCode == 0, report.Error);
        var whatIf = await Cli.RunAsync("whatif", folder, id);
        Assert.True(whatIf.ExitCode == 0, whatIf.Error);
        Assert.Contains("Without", whatIf.Output);
    }

    [Fact]
    public async Task AReadThatFailsDoesNotSayNothingWasWritten()
    {
        var folder = Cli.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(folder, "organisations.csv"), "id,name,kind,source\norg-a,A,unicorn,test\n");
        var outcome = await Cli.RunAsync("report", folder);
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("the data could not be read", outcome.Error);
        Assert.DoesNotContain("nothing was written", outcome.Error);
    }
}
