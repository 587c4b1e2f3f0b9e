using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RemotePc.Sandbox.Hosting;
using RemotePc.Sandbox.Security;
using RemotePc.Sandbox.Validation;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// <c>user/signin</c>: answers a one-time autologin link. The spec lists both USERNAME_REQUIRED and
/// EMAILID_REQUIRED without saying when; the sandbox uses USERNAME_REQUIRED when the field is absent or null and
/// EMAILID_REQUIRED when it is present but blank. Account-level refusals (parent suspended, caller's IP blocked)
/// come before the user lookup because they do not depend on the user. A wrong password answers the undocumented
/// INVALID_CREDENTIALS. Inactive (but not cancelled) users may sign in: RemotePC does not document otherwise.
/// </summary>
internal static class SigninHandler
{
    public static async Task Handle(HttpContext context, SandboxRuntime runtime)
    {
        using var document = await JsonBody.ReadAsync(context);
        if (document is null)
        {
            return;
        }

        var body = document.RootElement;
        if (body.ValueKind != JsonValueKind.Object
            || !JsonFields.TryGetString(body, "username", out var username)
            || !JsonFields.TryGetString(body, "password", out var password))
        {
            await ApiResponse.BadRequest(context, ErrorCodes.InvalidJson);
            return;
        }

        var errors = new List<string>();
        username = username?.Trim();
        if (username is null)
        {
            errors.Add(ErrorCodes.UsernameRequired);
        }
        else if (username.Length == 0)
        {
            errors.Add(ErrorCodes.EmailIdRequired);
        }
        else if (!EmailAddress.IsValid(username))
        {
            errors.Add(ErrorCodes.InvalidEmail);
        }

        if (string.IsNullOrEmpty(password))
        {
            errors.Add(ErrorCodes.PasswordRequired);
        }

        if (errors.Count > 0)
        {
            await ApiResponse.BadRequest(context, errors);
            return;
        }

        var refusal = Refusal(context, runtime, username!, password!);
        if (refusal is not null)
        {
            await ApiResponse.BadRequest(context, refusal);
            return;
        }

        var user = runtime.State.FindUser(username!)!;
        var token = runtime.Links.Issue(user.Username);
        var request = context.Request;
        var link = $"{request.Scheme}://{request.Host}{request.PathBase}/autologin/{token}";
        await ApiResponse.Ok(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("rpc_redirect_link", link);
            writer.WriteEndObject();
        });
    }

    private static string? Refusal(HttpContext context, SandboxRuntime runtime, string username, string password)
    {
        if (runtime.State.IsParentSuspended)
        {
            return ErrorCodes.ParentAccountSuspended;
        }

        if (runtime.State.IsIpBlocked(IpAddressText.Normalize(context.Connection.RemoteIpAddress)))
        {
            return ErrorCodes.IpAddressBlocked;
        }

        var user = runtime.State.FindUser(username);
        if (user is null)
        {
            return ErrorCodes.UsernameDoesNotExist;
        }

        if (user.IsCancelled)
        {
            return ErrorCodes.CancelledAccount;
        }

        return PasswordHasher.Verify(password, user.PasswordHash) ? null : ErrorCodes.InvalidCredentials;
    }
}
