using System.Diagnostics;
using Network.Tests;

namespace Network.Cli.Tests;

/// <summary>Runs the real `network` command as a child process, as a user would.</summary>
public static class Cli
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static string RepositoryRoot => RepositoryPaths.Root;

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "network.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await error);
    }

    public static string NewTemporaryFolder() => RepositoryPaths.NewTemporaryFolder("network-cli-tests");
}
