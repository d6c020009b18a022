using Network.Data.Users;

namespace Network.Cli.Tests;

/// <summary>network users and network keys on a server's data folder, run as a separate process like an operator would.</summary>
public class UsersCommandTests
{
    [Fact]
    public async Task AnOperatorAddsListsAndDisablesAColleagueAndMakesAndRevokesTheirKey()
    {
        var folder = Cli.NewTemporaryFolder();
        var store = new UserStore(folder);
        store.EnsureAdmin();

        var added = await Cli.RunAsync("users", "add", "maria", "--role", "editor", "--datasets", "seed", "--data", folder);
        Assert.Equal(0, added.ExitCode);
        var password = added.Output.Trim().Split(' ')[^1];
        Assert.Equal(Roles.Editor, store.CheckPassword("maria", password)!.Role);
        Assert.Equal(["seed"], store.CheckPassword("maria", password)!.Datasets);

        var key = await Cli.RunAsync("keys", "create", "maria", "--name", "CRM sync", "--expires-days", "30", "--data", folder);
        Assert.Equal(0, key.ExitCode);
        var secret = key.Output.Trim().Split(' ')[^1];
        Assert.Equal("maria", store.CheckApiKey(secret)!.Name);

        var list = await Cli.RunAsync("users", "list", "--data", folder);
        Assert.Contains("maria", list.Output);
        Assert.Contains("CRM sync", list.Output);
        Assert.DoesNotContain(secret, list.Output);

        var id = store.List().Single(u => u.Name == "maria").Keys.Single().Id;
        Assert.Equal(0, (await Cli.RunAsync("keys", "revoke", "maria", id, "--data", folder)).ExitCode);
        Assert.Null(store.CheckApiKey(secret));

        Assert.Equal(0, (await Cli.RunAsync("users", "disable", "maria", "--data", folder)).ExitCode);
        Assert.Null(store.CheckPassword("maria", password));
    }

    [Fact]
    public async Task MistakesAreOneLineAndChangeNothing()
    {
        var folder = Cli.NewTemporaryFolder();
        new UserStore(folder).EnsureAdmin();
        var role = await Cli.RunAsync("users", "add", "x.y", "--role", "owner", "--data", folder);
        Assert.NotEqual(0, role.ExitCode);
        Assert.Equal("error: 'owner' is not a role; use one of viewer, editor, admin.", role.Error.Trim());
        var unknown = await Cli.RunAsync("keys", "create", "nobody", "--name", "k", "--data", folder);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("No user 'nobody'", unknown.Error);
        Assert.DoesNotContain("   at ", unknown.Error);
        Assert.Single(new UserStore(folder).List());
    }
}
