using Network.Tests;
using YamlDotNet.RepresentationModel;

namespace Network.Web.Tests;

/// <summary>docker-compose.yml and the Dockerfile, checked as files (no Docker engine runs here).</summary>
public class DeploymentFilesTests
{
    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public void ComposeRunsNeo4jWithPluginsAHealthcheckAndThePasswordFromTheEnvironment()
    {
        var neo4j = Map(Map(Compose(), "services"), "neo4j");
        Assert.StartsWith("neo4j:5", Scalar(neo4j, "image"));
        var environment = Map(neo4j, "environment");
        Assert.Contains("${NEO4J_PASSWORD", Scalar(environment, "NEO4J_AUTH"));
        // Exactly the plugins the queries of docs/cypher/ call.
        var queries = string.Concat(Directory.GetFiles(Path.Combine(Network.Tests.RepositoryPaths.Root, "docs", "cypher"), "*.cypher").Select(File.ReadAllText));
        var needed = new[] { ("gds.", "graph-data-science"), ("apoc.", "apoc") }.Where(p => queries.Contains(p.Item1, StringComparison.Ordinal)).Select(p => p.Item2).Order();
        var plugins = System.Text.Json.JsonSerializer.Deserialize<string[]>(Scalar(environment, "NEO4J_PLUGINS"))!;
        Assert.Equal(needed, plugins.Order());
        var test = (YamlSequenceNode)Map(neo4j, "healthcheck").Children[new YamlScalarNode("test")];
        Assert.Contains(test.Children.OfType<YamlScalarNode>(), s => s.Value!.Contains("wget", StringComparison.Ordinal));
        Assert.True(neo4j.Children.ContainsKey(new YamlScalarNode("volumes")));
    }

    [Fact]
    public void TheAppIsBuiltHereAndWaitsForAHealthyNeo4j()
    {
        var app = Map(Map(Compose(), "services"), "app");
        Assert.Equal(".", Scalar(app, "build"));
        Assert.Equal("service_healthy", Scalar(Map(Map(app, "depends_on"), "neo4j"), "condition"));
        Assert.DoesNotContain("password", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml")).ToLowerInvariant().Replace("neo4j_password", "", StringComparison.Ordinal).Replace("neo4j__password", "", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDockerfileIsMultiStageAndRunsAsANonRootUser()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        Assert.Equal(2, lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotEqual("USER root", user);
        Assert.Contains(lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
    }
}
