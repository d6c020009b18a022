using Network.Analysis.Domain;
using Spectre.Console;

namespace Network.Cli;

/// <summary>Turns the failures a user can cause into one clear line (plus the list of row errors) and an exit code; never a stack trace.</summary>
public static class CliErrors
{
    public const int Invalid = 1;
    public const int NotFound = 2;

    /// <param name="writes">Whether the command writes (an import): then a refusal says that nothing was written.</param>
    public static async Task<int> Run(Func<Task<int>> action, bool writes = false)
    {
        try
        {
            return await action();
        }
        catch (ValidationFailedException e)
        {
            Console.Error.WriteLine($"error: {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}, {(writes ? "nothing was written" : "the data could not be read")}.");
            foreach (var error in e.Errors.Take(50))
                Console.Error.WriteLine($"  {error}");
            if (e.Errors.Count > 50)
                Console.Error.WriteLine($"  … and {e.Errors.Count - 50} more");
            return Invalid;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return NotFound;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: cannot reach the server: {e.Message}");
            return NotFound;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Invalid;
        }
    }

    /// <summary>A yyyy-mm-dd option value, or a clear error naming the option.</summary>
    public static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date
        : throw new InvalidDataException($"{option} '{text}' is not a date (yyyy-mm-dd).");

    public static void Done(string message) => AnsiConsole.MarkupLine($"[green]{Markup.Escape(message)}[/]");
}
