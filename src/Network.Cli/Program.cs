using System.CommandLine;
using Network.Cli;

var root = new RootCommand("Network: stakeholder-network analyzer for regional innovation ecosystems.")
{
    GenerateCommand.Create(),
    ImportCommand.Create(),
    AnalyzeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
