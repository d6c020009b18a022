using Network.Analysis.Domain;
using Network.Data.Formats;
using Network.Data.Storage;
using Network.Data.Tests.Storage;

namespace Network.Data.Tests.Formats;

public class CsvBundleTests
{
    private static string Bundle(params (string File, string Content)[] files)
    {
        var folder = TestPaths.NewTemporaryFolder();
        foreach (var (file, content) in files)
            File.WriteAllText(Path.Combine(folder, file), content.ReplaceLineEndings("\n"));
        return folder;
    }

    [Fact]
    public void WritingAndReadingBackGivesTheSameGraph()
    {
        var graph = NetworkStoreContract.EveryKind();
        var folder = TestPaths.NewTemporaryFolder();
        CsvBundle.Write(graph, folder);
        var read = CsvBundle.Read(folder);
        Assert.Equal(
            graph.Nodes.Select(n => GraphJson.Serialize(n)).Order(),
            read.Nodes.Select(n => GraphJson.Serialize(n)).Order());
        Assert.Equal(
            graph.Relationships.Select(r => GraphJson.Serialize(r)).Order(),
            read.Relationships.Select(r => GraphJson.Serialize(r)).Order());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("'=already quoted")]
    public void AFormulaIsWrittenAsTextAndReadBackAsItWas(string name)
    {
        var graph = new NetworkGraph([new Organisation("org-f", name, "company", "=1+1 source")], [], 0);
        var folder = TestPaths.NewTemporaryFolder();
        CsvBundle.Write(graph, folder);
        var line = File.ReadAllLines(Path.Combine(folder, "organisations.csv"))[1];
        // The cell a spreadsheet would evaluate starts with an apostrophe (quoted or not).
        Assert.Matches("^org-f,\"?'", line);
        Assert.Contains("'=1+1 source", line);
        var read = (Organisation)CsvBundle.Read(folder).Nodes.Single();
        Assert.Equal(name, read.Name);
        Assert.Equal("=1+1 source", read.Source);
    }

    [Fact]
    public void ALatin1FileIsRefusedNamingTheFileAndTheByte()
    {
        var folder = TestPaths.NewTemporaryFolder();
        var header = "id,name,kind,source\norg-l,Universit";
        File.WriteAllBytes(Path.Combine(folder, "organisations.csv"),
            [.. System.Text.Encoding.ASCII.GetBytes(header), 0xE9, .. System.Text.Encoding.ASCII.GetBytes(" de Li"), 0xE8, .. System.Text.Encoding.ASCII.GetBytes("ge,university,test\n")]);
        var error = Assert.Throws<InvalidDataException>(() => CsvBundle.Read(folder));
        Assert.Equal($"organisations.csv: byte {header.Length} is not UTF-8 text (0xE9); save the file as UTF-8 (in Excel: \"CSV UTF-8\") and try again.", error.Message);
    }

    [Fact]
    public void ABinaryFileUnderACsvNameIsRefusedAsNotText()
    {
        var folder = TestPaths.NewTemporaryFolder();
        // The start of a zip archive (an .xlsx saved as .csv): valid UTF-8 up to its first NUL byte.
        File.WriteAllBytes(Path.Combine(folder, "organisations.csv"), [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
        var error = Assert.Throws<InvalidDataException>(() => CsvBundle.Read(folder));
        Assert.Equal("organisations.csv: not a text file (byte 5 is binary data); export the data as CSV (UTF-8) and try again.", error.Message);
    }

    [Fact]
    public void AUtf8FileWithAByteOrderMarkReadsAsUsual()
    {
        var folder = TestPaths.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(folder, "organisations.csv"), "id,name,kind,source\norg-l,Université de Liège,university,test\n", new System.Text.UTF8Encoding(true));
        Assert.Equal("Université de Liège", ((Organisation)CsvBundle.Read(folder).Nodes.Single()).Name);
    }

    [Fact]
    public void ABadKindIsReportedWithFileRowAndColumn()
    {
        var folder = Bundle(("organisations.csv", """
            id,name,kind,source
            org-a,Alpha,company,test
            org-b,Beta,spaceship,test
            """));
        var failure = Assert.Throws<ValidationFailedException>(() => CsvBundle.Read(folder));
        var error = Assert.Single(failure.Errors);
        Assert.StartsWith("organisations.csv row 3", error.Where);
        Assert.Equal("kind", error.Field);
        Assert.Contains("spaceship", error.Message);
    }

    [Fact]
    public void ABadDateAndABadNumberAreReportedByColumn()
    {
        var folder = Bundle(
            ("organisations.csv", "id,name,kind,source\na,A,company,t\nb,B,company,t\n"),
            ("agreements.csv", "id,title,kind,valid_from,source\nagr,Deal,mou,2019-13-45,t\n"),
            ("relationships.csv", "type,from,to,weight,source\nPARTNERS_WITH,a,b,heavy,t\n"));
        var failure = Assert.Throws<ValidationFailedException>(() => CsvBundle.Read(folder));
        Assert.Contains(failure.Errors, e => e.Where == "agreements.csv row 2" && e.Field == "valid_from" && e.Message.Contains("2019-13-45"));
        Assert.Contains(failure.Errors, e => e.Where == "relationships.csv row 2" && e.Field == "weight" && e.Message.Contains("heavy"));
    }

    [Fact]
    public void AnUnknownColumnOrAMissingRequiredColumnIsRefused()
    {
        var folder = Bundle(("people.csv", "id,name,colour\np,Ann,blue\n"));
        var failure = Assert.Throws<ValidationFailedException>(() => CsvBundle.Read(folder));
        Assert.Contains(failure.Errors, e => e.Field == "colour" && e.Message.Contains("unknown column"));
        Assert.Contains(failure.Errors, e => e.Field == "source" && e.Message.Contains("required column"));
    }

    [Fact]
    public void ADanglingRelationshipIsReportedAtItsRow()
    {
        var folder = Bundle(
            ("cities.csv", "id,name,country,source\nc1,Leuven,BE,t\n"),
            ("relationships.csv", "type,from,to,source\nTWINNED_WITH,c1,c2,t\nTWINNS_WITH,c1,c1,t\n"));
        var failure = Assert.Throws<ValidationFailedException>(() => CsvBundle.Read(folder));
        Assert.Contains(failure.Errors, e => e.Where.StartsWith("relationships.csv row 2") && e.Field == "to" && e.Message.Contains("c2"));
        Assert.Contains(failure.Errors, e => e.Where == "relationships.csv row 3" && e.Field == "type" && e.Message.Contains("TWINNS_WITH"));
    }

    [Fact]
    public void DuplicateIdsAcrossFilesAreRefused()
    {
        var folder = Bundle(
            ("cities.csv", "id,name,country,source\nx,Leuven,BE,t\n"),
            ("sectors.csv", "id,name,source\nx,ICT,t\n"));
        var failure = Assert.Throws<ValidationFailedException>(() => CsvBundle.Read(folder));
        Assert.Contains(failure.Errors, e => e.Where.StartsWith("sectors.csv row 2") && e.Message.Contains("more than once"));
    }

    [Fact]
    public void AFolderWithoutBundleFilesIsRefused()
    {
        var failure = Assert.Throws<ValidationFailedException>(() => CsvBundle.Read(TestPaths.NewTemporaryFolder()));
        Assert.Contains("organisations.csv", failure.Message);
    }
}
