using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Api.Http;
using Network.Api.Nodes;
using Network.Data.Users;

namespace Network.Api.Auth;

public sealed record NewUserRequest(string Name, string Role, IReadOnlyList<string>? Datasets = null);

/// <summary>The answer to an invitation or reset: the one-time password, shown only here.</summary>
public sealed record OneTimePassword(string Name, string Role, string Password, string Note);

public sealed record UserChange(string? Role = null, bool? Disabled = null, IReadOnlyList<string>? Datasets = null, bool? AllDatasets = null, bool? ResetPassword = null, bool? SignOutEverywhere = null);

public sealed record NewKeyRequest(string Name, int? ExpiresInDays = null);

/// <summary>/api/users: admins invite colleagues, change their role and datasets, disable them, reset passwords, and manage keys.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/users", "Users").RequireAuthorization(Policies.Admin);

        group.MapGet("/", (UserStore users) => TypedResults.Ok(users.List())).Problems().WithSummary("Every user, their role, datasets and keys (never a password or key)");

        group.MapPost("/", Results<Created<OneTimePassword>, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>> (NewUserRequest request, UserStore users) =>
        {
            var password = users.Invite(request.Name, request.Role, request.Datasets);
            return password is null
                ? TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = "That user exists already.", Detail = $"A user '{request.Name}' exists; change them with PATCH.", Status = 409 })
                : TypedResults.Created($"/api/users/{Uri.EscapeDataString(request.Name)}", new OneTimePassword(request.Name, request.Role, password, "Shown once: give it to them; they choose their own at first sign-in."));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict).WithSummary("Invite a colleague: 201 with a one-time password");

        group.MapPatch("/{name}", Results<Ok<UserInfo>, Ok<OneTimePassword>> (string name, UserChange change, UserStore users, SignInThrottle throttle, HttpContext context) =>
        {
            if (name == context.User.UserName() && (change.Disabled == true || (change.Role is not null && change.Role != Roles.Admin)))
                throw new BadHttpRequestException("You cannot disable yourself or take away your own admin role; ask another admin.");
            users.Update(name, change.Role, change.Disabled, change.Datasets, change.AllDatasets == true);
            if (change.SignOutEverywhere == true)
                users.SignOutEverywhere(name);
            var info = users.List().First(u => u.Name == name);
            if (change.ResetPassword == true)
            {
                // A reset is how a locked-out colleague gets back in: it ends the lock of their failed sign-ins too.
                var password = users.ResetPassword(name);
                throttle.Succeeded(name);
                return TypedResults.Ok(new OneTimePassword(name, info.Role, password, "Shown once; every session of theirs has ended."));
            }
            return TypedResults.Ok(info);
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).WithSummary("Change a user's role, datasets or disabled state; reset their password (answered once)");

        group.MapPost("/{name}/keys", Created<NewKey> (string name, NewKeyRequest request, UserStore users) =>
        {
            if (request.ExpiresInDays is < 1 or > 3650)
                throw new BadHttpRequestException($"expiresInDays: {request.ExpiresInDays} is outside 1–3650; leave it out for a key that does not expire.");
            var key = users.CreateKey(name, request.Name, request.ExpiresInDays is { } days ? DateTimeOffset.UtcNow.AddDays(days) : null);
            return TypedResults.Created($"/api/users/{Uri.EscapeDataString(name)}/keys/{key.Id}", key);
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).WithSummary("Create an API key for a user: the key is in this answer only");

        group.MapDelete("/{name}/keys/{keyId}", NoContent (string name, string keyId, UserStore users) =>
        {
            users.RevokeKey(name, keyId);
            return TypedResults.NoContent();
        }).Problems(StatusCodes.Status404NotFound).WithSummary("Revoke an API key at once");

        return app;
    }
}
