using System.Globalization;
using Network.Tools;

// Developer commands (not the product): `dotnet run --project tools/Network.Tools -- <command> [options]`.
const string Usage = """
    network-tools introductions-eval [--data data/cordis-h2020-leuven] [--split 2017-12-31] [--top 100]
        Precision@top of the product's introduction ranking and three link predictors on held-out CORDIS projects.
    """;

string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

switch (args.FirstOrDefault())
{
    case "introductions-eval":
        var data = Option("--data") ?? Path.Combine(Repository.Root(), "data", "cordis-h2020-leuven");
        var split = DateOnly.ParseExact(Option("--split") ?? "2017-12-31", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var top = int.Parse(Option("--top") ?? "100", CultureInfo.InvariantCulture);
        return IntroductionsEval.Run(data, split, top);
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
