using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Pages.Account;

/// <summary>Sign-in with a password; failed attempts are throttled per account and per address.</summary>
public class LoginModel(UserStore users, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.Wait(Name, address) is { } wait)
        {
            Error = $"Too many failed sign-ins for this account or from this address. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minute{(wait.TotalMinutes > 1 ? "s" : "")}, or ask an admin to reset your password.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (users.CheckPassword(Name, Password) is not { } account)
        {
            throttle.Failed(Name, address);
            Error = "That user name and password do not match.";
            return Page();
        }
        throttle.Succeeded(Name);
        var mustChange = users.MustChangePassword(account.Name);
        var principal = AuthSetup.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme);
        if (mustChange)
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(AuthSetup.MustChangeClaim, "true"));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        // An invited or reset colleague chooses their own password first.
        return mustChange ? Redirect("/account?first=1&returnUrl=" + Uri.EscapeDataString(next)) : LocalRedirect(next);
    }
}
