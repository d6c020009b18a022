using System.CommandLine;
using Network.Tools;

// Developer commands, not the product: `dotnet run -c Release --project tools/Network.Tools -- <command> [options]`.
// Benchmarks against the reference tools, evaluations on held-out data, and load and fault runs against a server.
if (Console.IsOutputRedirected)
    Spectre.Console.AnsiConsole.Profile.Width = 160;

var root = new RootCommand("network-tools: measurements and evaluations for the people who build Network.")
{
    BenchCommand.Create(),
    LayoutBenchCommand.Create(),
    LoadCommand.Create(),
    FaultsCommand.Create(),
    MergesEvalCommand.Create(),
    IntroductionsEval.Create(),
};
return await root.Parse(args).InvokeAsync();
