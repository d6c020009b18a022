namespace Network.Cli.Tests;

public class ReportCommandTests
{
    [Fact]
    public async Task TheSeedReportHasEverySectionAndNamesTheBrokersOfLeuvenAndWuxi()
    {
        var folder = Cli.NewTemporaryFolder();
        var markdown = Path.Combine(folder, "r.md");
        var html = Path.Combine(folder, "r.html");
        var outcome = await Cli.RunAsync("report", "data/seed", "--out", markdown, "--html", html, "--title", "Seed");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var text = File.ReadAllText(markdown);
        foreach (var heading in new[] { "## Summary", "## Top brokers: organisations", "## Top brokers: people", "## Single points of failure", "## Value chains", "## Gaps", "## Introductions", "## Communities" })
            Assert.Contains(heading, text);
        Assert.Contains("city Leuven ↔ Wuxi", text);
        Assert.Contains("Capricorn Venture Partners", text);
        var page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoRunsWriteTheSameReportRankBandsIncluded()
    {
        // Rank bands come from perturbed copies, each from its own seeded random numbers: the same in every process.
        var folder = Cli.NewTemporaryFolder();
        string[] outputs = [Path.Combine(folder, "first.md"), Path.Combine(folder, "second.md")];
        foreach (var output in outputs)
        {
            var outcome = await Cli.RunAsync("report", "data/seed", "--out", output);
            Assert.True(outcome.ExitCode == 0, outcome.Error);
        }
        var first = File.ReadAllText(outputs[0]);
        Assert.Contains(" stable |", first);
        Assert.Contains(" uncertain |", first);
        Assert.Equal(first, File.ReadAllText(outputs[1]));
    }

    [Fact]
    public async Task NamesInTheHtmlReportAreEncoded()
    {
        var folder = Cli.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(folder, "organisations.csv"), "id,name,kind,source\na,<script>alert(1)</script>,company,t\nb,B & Co,company,t\n");
        File.WriteAllText(Path.Combine(folder, "agreements.csv"), "id,title,kind,source\nx,Deal,mou,t\n");
        File.WriteAllText(Path.Combine(folder, "relationships.csv"), "type,from,to,source\nPARTY_TO,a,x,t\nPARTY_TO,b,x,t\n");
        var html = Path.Combine(folder, "r.html");
        var outcome = await Cli.RunAsync("report", folder, "--out", Path.Combine(folder, "r.md"), "--html", html);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var page = File.ReadAllText(html);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Contains("B &amp; Co", page);
    }

    [Fact]
    public async Task AsOfAndCompareAreReported()
    {
        var outcome = await Cli.RunAsync("report", "data/seed", "--as-of", "2019-09-01", "--compare", "2015-01-01");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("as of 2019-09-01", outcome.Output);
        Assert.Contains("## Changes from 2015-01-01 to 2019-09-01", outcome.Output);
    }

    [Fact]
    public async Task WhatIfNamesWhatIsLost()
    {
        var outcome = await Cli.RunAsync("whatif", "data/seed", "org-capricorn");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("Without Capricorn Venture Partners", outcome.Output);
        Assert.Contains("Wuxi Capital", outcome.Output);
        Assert.Contains("lose every path: 38", outcome.Output);
    }

    [Fact]
    public async Task WhatIfWithAnUnknownIdIsOneLine()
    {
        var outcome = await Cli.RunAsync("whatif", "data/seed", "org-nobody");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("org-nobody", outcome.Error);
        Assert.Single(outcome.Error.Trim().Split('\n'));
    }
}
