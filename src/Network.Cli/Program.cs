using System.CommandLine;
using Network.Cli;

// Tables keep their columns when the output goes to a file or a pipe.
if (Console.IsOutputRedirected)
    Spectre.Console.AnsiConsole.Profile.Width = 160;

var root = new RootCommand("Network: stakeholder-network analyzer for regional innovation ecosystems.")
{
    GenerateCommand.Create(),
    ImportCommand.Create(),
    AnalyzeCommand.Create(),
    ReportCommand.Create(),
    WhatIfCommand.Create(),
    UsersCommand.Users(),
    UsersCommand.Keys(),
    BackupCommand.Backup(),
    BackupCommand.Restore(),
};
return await root.Parse(args).InvokeAsync();
