using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RemotePc.Sandbox.Hosting;
using RemotePc.Sandbox.Model;
using RemotePc.Sandbox.Security;
using RemotePc.Sandbox.Validation;

namespace RemotePc.Sandbox.Api;

/// <summary><c>user/add</c>: creates an active user at once (unlike invite).</summary>
internal static class AddUserHandler
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
            || !JsonFields.TryGetString(body, "firstName", out var firstName)
            || !JsonFields.TryGetString(body, "lastName", out var lastName)
            || !JsonFields.TryGetString(body, "invitedUserEmailId", out var email)
            || !JsonFields.TryGetString(body, "password", out var password)
            || !JsonFields.TryGetInt32(body, "allotedComputers", 0, out var allotted)
            || !JsonFields.IsBooleanOrAbsent(body, "sendEmailToUser"))
        {
            await ApiResponse.BadRequest(context, ErrorCodes.InvalidJson);
            return;
        }

        // All applicable descriptions at once, in the order the spec lists them.
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(firstName))
        {
            errors.Add(ErrorCodes.FirstNameRequired);
        }

        if (string.IsNullOrWhiteSpace(lastName))
        {
            errors.Add(ErrorCodes.LastNameRequired);
        }

        email = email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(ErrorCodes.EmailIdRequired);
        }
        else if (!EmailAddress.IsValid(email))
        {
            errors.Add(ErrorCodes.EnterValidEmail);
        }

        if (string.IsNullOrEmpty(password))
        {
            errors.Add(ErrorCodes.PasswordRequired);
        }
        else if (!PasswordRule.IsSatisfiedBy(password, runtime.Options.PasswordRule))
        {
            errors.Add(ErrorCodes.InvalidPassword);
        }

        if (allotted < 0)
        {
            errors.Add(ErrorCodes.InvalidAllotedComputers);
        }

        if (errors.Count > 0)
        {
            await ApiResponse.BadRequest(context, errors);
            return;
        }

        var user = new UserRecord(email!, PasswordHasher.Hash(password!), allotted, 0, true, runtime.State.Today, false);
        if (!runtime.State.TryAddUser(user))
        {
            await ApiResponse.BadRequest(context, ErrorCodes.EmailExists);
            return;
        }

        // sendEmailToUser is accepted and ignored: the sandbox sends no mail.
        await ApiResponse.Ok(context, writer => writer.WriteStringValue("SUCCESS"));
    }
}
