using System.CommandLine;
using Network.Data.Users;
using Spectre.Console;

namespace Network.Cli;

/// <summary>
/// For a server's operator, on the server's data folder: network users add|list|disable and network keys create|revoke.
/// Passwords and keys are printed once; users.db keeps only their hashes.
/// </summary>
public static class UsersCommand
{
    private static Option<DirectoryInfo> DataOption() =>
        new("--data") { Description = "The server's data folder (where users.db is).", DefaultValueFactory = _ => new DirectoryInfo("src/Network.Web/App_Data") };

    private static UserStore Open(DirectoryInfo folder) =>
        File.Exists(Path.Combine(folder.FullName, "users.db"))
            ? new UserStore(folder.FullName)
            : throw new DirectoryNotFoundException($"No users.db in '{folder.FullName}': point --data at the server's data folder.");

    public static Command Users()
    {
        var data = DataOption();
        var name = new Argument<string>("name") { Description = "The colleague's user name." };
        var role = new Option<string>("--role") { Description = "viewer, editor or admin.", DefaultValueFactory = _ => Roles.Editor };
        var datasets = new Option<string?>("--datasets") { Description = "Comma-separated datasets an editor may change (default: all)." };
        var add = new Command("add", "Invite a colleague: prints a one-time password they replace at the first sign-in.") { name, role, datasets, data };
        add.SetAction(parse => CliErrors.Run(() =>
        {
            var users = Open(parse.GetRequiredValue(data));
            var limited = parse.GetValue(datasets)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var password = users.Invite(parse.GetRequiredValue(name), parse.GetRequiredValue(role), limited)
                ?? throw new ArgumentException($"A user '{parse.GetRequiredValue(name)}' exists already.");
            Console.WriteLine($"Invited {parse.GetRequiredValue(name)} as {parse.GetRequiredValue(role)}. One-time password (shown only now): {password}");
            return Task.FromResult(0);
        }));

        var list = new Command("list", "Every user, role, datasets and keys.") { data };
        list.SetAction(parse => CliErrors.Run(() =>
        {
            var table = new Table().AddColumns("user", "role", "datasets", "state", "keys");
            foreach (var u in Open(parse.GetRequiredValue(data)).List())
            {
                table.AddRow(Markup.Escape(u.Name), u.Role, Markup.Escape(u.Datasets is null ? "all" : string.Join(", ", u.Datasets)),
                    u.Disabled ? "disabled" : u.MustChangePassword ? "invited" : "active", Markup.Escape(string.Join(", ", u.Keys.Select(k => $"{k.Name} ({k.Id})"))));
            }
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        }));

        var disableName = new Argument<string>("name") { Description = "The user to disable." };
        var disable = new Command("disable", "Disable a user: their sessions and keys stop working at once.") { disableName, data };
        disable.SetAction(parse => CliErrors.Run(() =>
        {
            Open(parse.GetRequiredValue(data)).Update(parse.GetRequiredValue(disableName), disabled: true);
            Console.WriteLine($"Disabled {parse.GetRequiredValue(disableName)}.");
            return Task.FromResult(0);
        }));
        return new Command("users", "Manage the colleagues of a server.") { add, list, disable };
    }

    public static Command Keys()
    {
        var data = DataOption();
        var user = new Argument<string>("user") { Description = "The user the key acts as." };
        var keyName = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var days = new Option<int?>("--expires-days") { Description = "Days until the key stops working (default: never)." };
        var create = new Command("create", "Create an API key for a user: printed once.") { user, keyName, days, data };
        create.SetAction(parse => CliErrors.Run(() =>
        {
            var expires = parse.GetValue(days) is { } d ? DateTimeOffset.UtcNow.AddDays(d) : (DateTimeOffset?)null;
            var key = Open(parse.GetRequiredValue(data)).CreateKey(parse.GetRequiredValue(user), parse.GetRequiredValue(keyName), expires);
            Console.WriteLine($"Key '{key.Name}' ({key.Id}) for {parse.GetRequiredValue(user)}{(expires is { } e ? $", until {e:yyyy-MM-dd}" : "")}. Send it as X-Api-Key; shown only now: {key.Key}");
            return Task.FromResult(0);
        }));
        var owner = new Argument<string>("user") { Description = "The key's user." };
        var id = new Argument<string>("id") { Description = "The key's id (from users list)." };
        var revoke = new Command("revoke", "Revoke an API key at once.") { owner, id, data };
        revoke.SetAction(parse => CliErrors.Run(() =>
        {
            Open(parse.GetRequiredValue(data)).RevokeKey(parse.GetRequiredValue(owner), parse.GetRequiredValue(id));
            Console.WriteLine("Revoked.");
            return Task.FromResult(0);
        }));
        return new Command("keys", "Manage API keys.") { create, revoke };
    }
}
