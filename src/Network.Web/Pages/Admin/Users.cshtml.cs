using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Data.Users;

namespace Network.Web.Pages.Admin;

/// <summary>Admins invite colleagues and manage them: role, the datasets a partner may edit, disable, reset password, keys.</summary>
[Authorize(Policy = Policies.Admin)]
public class UsersModel(UserStore users, DatasetCatalog catalog, Network.Api.Auth.SignInThrottle throttle) : PageModel
{
    public IReadOnlyList<UserInfo> Users { get; private set; } = [];
    public IReadOnlyList<DatasetInfo> Datasets { get; private set; } = [];
    public OneTimePassword? Shown { get; private set; }
    public NewKey? ShownKey { get; private set; }
    public string? ShownKeyOwner { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public void OnGet() => Load();

    public IActionResult OnPostInvite(string name, string role, List<string>? datasets, bool limited)
    {
        try
        {
            var password = users.Invite(name?.Trim() ?? "", role, limited ? datasets ?? [] : null);
            if (password is null)
                Error = $"A user '{name}' exists already.";
            else
                Shown = new OneTimePassword(name!.Trim(), role, password, "invited");
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
        }
        Load();
        return Page();
    }

    public IActionResult OnPostUpdate(string name, string role, List<string>? datasets, bool limited)
    {
        if (name == User.UserName() && role != Roles.Admin)
            Error = "You cannot take away your own admin role; ask another admin.";
        else
        {
            users.Update(name, role, datasets: limited ? datasets ?? [] : null, clearDatasets: !limited);
            Message = $"{name} is now {(limited ? $"{role} of {string.Join(", ", datasets ?? [])}" : role)}. Their open sessions ended so the change applies at once.";
        }
        Load();
        return Page();
    }

    public IActionResult OnPostDisable(string name, bool disabled)
    {
        if (name == User.UserName())
            Error = "You cannot disable yourself.";
        else
        {
            users.Update(name, disabled: disabled);
            Message = disabled ? $"{name} is disabled: their sessions and keys stopped working." : $"{name} can sign in again.";
        }
        Load();
        return Page();
    }

    public IActionResult OnPostReset(string name)
    {
        Shown = new OneTimePassword(name, users.List().First(u => u.Name == name).Role, users.ResetPassword(name), "reset");
        throttle.Succeeded(name); // the reset ends the lock of their failed sign-ins
        Load();
        return Page();
    }

    public IActionResult OnPostKey(string name, string keyName, int? days)
    {
        try
        {
            ShownKey = users.CreateKey(name, keyName, days is > 0 ? DateTimeOffset.UtcNow.AddDays(Math.Min(days.Value, 3650)) : null);
            ShownKeyOwner = name;
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
        }
        Load();
        return Page();
    }

    public IActionResult OnPostRevoke(string name, string id)
    {
        users.RevokeKey(name, id);
        Message = $"The key of {name} was revoked.";
        Load();
        return Page();
    }

    private void Load()
    {
        Users = users.List();
        Datasets = catalog.List();
    }
}
