using System.Diagnostics;
using System.Text.Json;
using Network.Data.Formats;
using Network.Tests;
using Network.Data.Exports;

namespace Network.Data.Tests.Exports;

/// <summary>
/// The Cypher the product writes, checked by Neo4j's own parser and semantic analysis
/// (npm @neo4j-cypher/language-support 2.0.0-next.38 in tests/cypher-lint; .ci/run installs it).
/// </summary>
public class CypherLintTests
{
    private static readonly string Linter = Path.Combine(RepositoryPaths.Root, "tests", "cypher-lint");

    /// <summary>The problems Neo4j's front end finds in these statements (undefined parameters aside).</summary>
    public static async Task<JsonElement> Lint(IEnumerable<string> statements)
    {
        Assert.True(Directory.Exists(Path.Combine(Linter, "node_modules", "@neo4j-cypher")), "The Cypher linter is not installed: run npm ci --prefix tests/cypher-lint (as .ci/run does).");
        var input = Path.Combine(Path.GetTempPath(), $"cypher-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(statements));
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Linter };
        info.ArgumentList.Add("lint.mjs");
        info.ArgumentList.Add(input);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>The Cypher statements of a cypher-shell script: everything but comments and :param commands.</summary>
    private static List<string> Statements(string script) =>
        script.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith(':')).Select(l => l.TrimEnd(';')).ToList();

    [Fact]
    public async Task EveryStatementOfTheCypherExportIsValidCypher()
    {
        var seed = CsvBundle.Read(Path.Combine(RepositoryPaths.Root, "data", "seed"));
        var statements = Statements(GraphExport.Cypher(seed, "seed"));
        Assert.Contains(statements, s => s.StartsWith("CREATE CONSTRAINT", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("MERGE (a)-[r:WORKS_FOR]->(b)", StringComparison.Ordinal));
        var problems = await Lint(statements);
        Assert.True(problems.GetArrayLength() == 0, problems.GetRawText());
    }

    [Fact]
    public async Task EveryStatementTheNeo4jStoreSendsIsValidCypher()
    {
        var statements = Network.Data.Storage.Neo4jNetworkStore.Statements().ToList();
        Assert.True(statements.Count > 30, $"{statements.Count} statements");
        var problems = await Lint(statements);
        Assert.True(problems.GetArrayLength() == 0, problems.GetRawText());
    }

    /// <summary>The statements of a .cypher file: comment lines dropped, each statement ending with ';' at a line's end.</summary>
    public static List<string> FileStatements(string path) =>
        string.Join('\n', File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Split(";\n").Select(s => s.Trim().TrimEnd(';').Trim()).Where(s => s.Length > 0).ToList();

    [Fact]
    public async Task EveryQueryInDocsCypherIsValidCypher()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "cypher"), "*.cypher");
        Assert.Equal(["communities", "organisation-network", "scale-out", "top-brokers", "value-chain-coverage"], files.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        var statements = files.SelectMany(FileStatements).ToList();
        Assert.Equal(13, statements.Count);
        var problems = await Lint(statements);
        Assert.True(problems.GetArrayLength() == 0, problems.GetRawText());
    }

    [Fact]
    public async Task TheLinterReportsABrokenStatement()
    {
        var problems = await Lint(["MERG (n:Organisation {id: $id})", "MATCH (n) RETURN m"]);
        Assert.Equal(2, problems.GetArrayLength());
        Assert.Contains("MERG", problems[0].GetProperty("message").GetString());
    }
}
