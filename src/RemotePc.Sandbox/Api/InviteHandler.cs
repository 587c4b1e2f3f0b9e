using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RemotePc.Sandbox.Hosting;
using RemotePc.Sandbox.State;
using RemotePc.Sandbox.Validation;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// <c>user/invite</c>: the body is an array and the answer has one <c>{username, status}</c> per element, in
/// request order. The spec is silent on bad input, so: a body that is not a non-empty array is rejected as a
/// whole (400 ENTER_VALID_EMAIL); one bad element inside a good array gets its own status (INVALID_EMAIL or
/// INVALID_ALLOTED_COMPUTERS) and does not spoil the others, so a partially valid batch still invites the valid
/// addresses, as the per-element answer shape suggests.
/// </summary>
internal static class InviteHandler
{
    public static async Task Handle(HttpContext context, SandboxRuntime runtime)
    {
        using var document = await JsonBody.ReadAsync(context);
        if (document is null)
        {
            return;
        }

        var body = document.RootElement;
        if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() == 0)
        {
            await ApiResponse.BadRequest(context, ErrorCodes.EnterValidEmail);
            return;
        }

        // Validated one by one, then invited together: the valid addresses of a call are stored in one transaction.
        var results = new List<(string Username, string? Status)>();
        var valid = new List<(string Email, int AllottedComputers)>();
        foreach (var element in body.EnumerateArray())
        {
            var checkedElement = Check(element);
            results.Add((checkedElement.Username, checkedElement.Status));
            if (checkedElement.Status is null)
            {
                valid.Add((checkedElement.Username, checkedElement.Allotted));
            }
        }

        var invited = runtime.State.Invite(valid);
        var next = 0;
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Status is null)
            {
                results[i] = (results[i].Username, invited[next++]);
            }
        }

        await ApiResponse.Ok(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var (username, status) in results)
            {
                writer.WriteStartObject();
                writer.WriteString("username", username);
                writer.WriteString("status", status!);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <returns>The address and its status when it is invalid; a null status when it is valid, with its allocation.</returns>
    private static (string Username, string? Status, int Allotted) Check(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !JsonFields.TryGetString(element, "invitedUserEmailId", out var email)
            || string.IsNullOrWhiteSpace(email))
        {
            var echoed = element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("invitedUserEmailId", out var raw)
                && raw.ValueKind == JsonValueKind.String ? raw.GetString()! : "";
            return (echoed, InviteStatus.InvalidEmail, 0);
        }

        email = email.Trim();
        if (!EmailAddress.IsValid(email))
        {
            return (email, InviteStatus.InvalidEmail, 0);
        }

        if (!JsonFields.TryGetInt32(element, "allotedComputers", 0, out var allotted) || allotted < 0)
        {
            return (email, InviteStatus.InvalidAllotedComputers, 0);
        }

        return (email, null, allotted);
    }
}
