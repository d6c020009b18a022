using System.Diagnostics;
using System.Text.Json;
using Network.Tests;

namespace Network.Web.Tests;

/// <summary>
/// The OpenAPI document is one a generated client can use: every operation has a unique operationId and says how to
/// authenticate (an API key, the sign-in cookie, or — where allowed — neither); and an independent linter, Redocly's
/// recommended rules (npm @redocly/cli in tests/openapi-lint; .ci/run installs it), finds no error in it.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly NetworkApplication _app = new(anonymousRead: false);

    public void Dispose() => _app.Dispose();

    private async Task<string> Document() => await _app.CreateClient().GetStringAsync("/openapi/v1.json");

    [Fact]
    public async Task EveryOperationHasAnIdAndSaysHowToAuthenticate()
    {
        using var document = JsonDocument.Parse(await Document());
        var root = document.RootElement;
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("apiKey").GetProperty("in").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        Assert.All(root.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));

        var operations = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value))).ToList();
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (path, method, operation) in operations)
            Assert.True(operation.TryGetProperty("security", out var security) && security.GetArrayLength() >= 2, $"{method} {path} says how to authenticate");

        bool Anonymous(string path, string method) => operations.Single(o => o.Path == path && o.Method == method).Operation
            .GetProperty("security").EnumerateArray().Any(r => !r.EnumerateObject().Any());
        Assert.True(Anonymous("/health", "get"));
        Assert.True(Anonymous("/api/survey/{token}", "post"));
        Assert.False(Anonymous("/api/datasets/{dataset}/organisations", "post"));
        Assert.False(Anonymous("/api/datasets/{dataset}/surveys", "post"));
    }

    [Fact]
    public async Task AnIndependentLinterFindsNoError()
    {
        var linter = Path.Combine(RepositoryPaths.Root, "tests", "openapi-lint");
        var redocly = Path.Combine(linter, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), "The OpenAPI linter is not installed: run npm ci --prefix tests/openapi-lint (as .ci/run does).");
        var file = Path.Combine(Directory.CreateTempSubdirectory("network-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, await Document());
        var start = new ProcessStartInfo(redocly, ["lint", file, "--format=json"]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = linter };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var report = JsonDocument.Parse(await output);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems) + await errors);
        Assert.Equal(0, process.ExitCode);
    }
}
