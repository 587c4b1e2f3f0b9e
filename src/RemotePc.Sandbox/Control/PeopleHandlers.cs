using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Control;

internal static class PeopleHandlers
{
    public static Task ListInvitations(HttpContext context, SandboxControl control) =>
        ControlJson.Write(context, control.PendingInvitations());

    public static async Task AcceptInvitation(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<EmailRequest>(context) is not { } request)
        {
            return;
        }

        await Answer(context, control, request.Email, control.AcceptInvitation(Required(request.Email)), "No pending invitation for that address.");
    }

    public static Task GetUser(HttpContext context, SandboxControl control)
    {
        var email = context.Request.RouteValues["email"] as string ?? "";
        return control.FindUser(email) is { } user
            ? ControlJson.Write(context, user)
            : ControlJson.Problem(context, StatusCodes.Status404NotFound, "No such user.");
    }

    public static async Task SetUtilization(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<UtilizationRequest>(context) is not { } request)
        {
            return;
        }

        var found = control.SetUtilization(Required(request.Email), request.Utilized, request.Allotted);
        await Answer(context, control, request.Email, found, "No such user.");
    }

    public static async Task SetActive(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<ActiveRequest>(context) is not { } request)
        {
            return;
        }

        await Answer(context, control, request.Email, control.SetActive(Required(request.Email), request.Active), "No such user.");
    }

    public static async Task Cancel(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<EmailRequest>(context) is not { } request)
        {
            return;
        }

        await Answer(context, control, request.Email, control.CancelAccount(Required(request.Email)), "No such user.");
    }

    public static async Task Restore(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<EmailRequest>(context) is not { } request)
        {
            return;
        }

        await Answer(context, control, request.Email, control.RestoreAccount(Required(request.Email)), "No such user.");
    }

    /// <summary><c>{"count":N,"reset":false}</c> → <c>{"users":total}</c>.</summary>
    public static async Task Seed(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<SeedRequest>(context) is not { } request)
        {
            return;
        }

        if (request.Count is < 0 or > SandboxOptions.MaxSeedUsers)
        {
            await ControlJson.Problem(context, StatusCodes.Status400BadRequest, $"count must be between 0 and {SandboxOptions.MaxSeedUsers}.");
            return;
        }

        await ControlJson.Write(context, new { users = control.SeedUsers(request.Count, request.Reset) });
    }

    private static string Required(string? email) =>
        string.IsNullOrWhiteSpace(email) ? throw new ArgumentException("email is required.") : email;

    /// <summary>Answers the user as it is now, or 404.</summary>
    private static Task Answer(HttpContext context, SandboxControl control, string? email, bool found, string notFound) =>
        found && control.FindUser(email!) is { } user
            ? ControlJson.Write(context, user)
            : ControlJson.Problem(context, StatusCodes.Status404NotFound, notFound);
}
