using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Pages.Account;

/// <summary>Your account: choose a password, make and revoke your API keys, sign out on every device.</summary>
[Authorize]
public class IndexModel(UserStore users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool First { get; private set; }
    public UserInfo? Me { get; private set; }
    public NewKey? Created { get; private set; }
    public string? Message { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public IActionResult OnGet(bool first = false)
    {
        First = first || users.MustChangePassword(User.UserName());
        return Load();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string current, string password, string confirm)
    {
        var name = User.UserName();
        if (users.CheckPassword(name, current ?? "") is null)
            Errors["current"] = "This is not your current password.";
        if (UserStore.PasswordProblem(name, password ?? "") is { } problem)
            Errors["password"] = "Choose another password: " + problem + ".";
        else if (password != confirm)
            Errors["confirm"] = "The two new passwords differ.";
        if (Errors.Count > 0)
        {
            First = users.MustChangePassword(name);
            return Load();
        }
        users.ChangePassword(name, password!);
        // The stamp changed, so this session is signed in again with the new one; every other session has ended.
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthSetup.Principal(users.Find(name)!, CookieAuthenticationDefaults.AuthenticationScheme));
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : Redirect("/account?changed=1");
    }

    public IActionResult OnPostKey(string keyName, int? days)
    {
        if (User.FindFirst(AuthSetup.KeyClaim) is not null || !users.Exists(User.UserName()))
            return Forbid();
        if (string.IsNullOrWhiteSpace(keyName))
        {
            Errors["keyName"] = "Give the key a name that says what it is for (e.g. \"CRM sync\").";
            return Load();
        }
        Created = users.CreateKey(User.UserName(), keyName, days is > 0 ? DateTimeOffset.UtcNow.AddDays(Math.Min(days.Value, 3650)) : null);
        return Load();
    }

    public IActionResult OnPostRevoke(string id)
    {
        users.RevokeKey(User.UserName(), id);
        Message = "The key was revoked; it stops working at once.";
        return Load();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        users.SignOutEverywhere(User.UserName());
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login?signedOut=everywhere");
    }

    private PageResult Load()
    {
        Me = users.List().FirstOrDefault(u => u.Name == User.UserName());
        if (Request.Query.ContainsKey("changed"))
            Message ??= "Your password was changed; you are signed out on every other device.";
        return Page();
    }
}
