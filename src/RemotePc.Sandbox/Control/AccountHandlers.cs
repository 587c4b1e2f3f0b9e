using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Control;

internal static class AccountHandlers
{
    /// <summary><c>{"parentSuspended":bool,"blockedIps":[...],"users":n,"pendingInvitations":n}</c>; the key is not echoed.</summary>
    public static Task Get(HttpContext context, SandboxControl control) => ControlJson.Write(context, new
    {
        parentSuspended = control.IsParentSuspended,
        blockedIps = control.BlockedIps(),
        users = control.UserCount,
        pendingInvitations = control.PendingInvitations().Count,
    });

    public static async Task SetSuspended(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<SuspendedRequest>(context) is not { } request)
        {
            return;
        }

        control.SetParentSuspended(request.Suspended);
        await Get(context, control);
    }

    public static async Task SetKey(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<ApiKeyRequest>(context) is not { } request)
        {
            return;
        }

        control.SetApiKey(request.ApiKey ?? "");
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task BlockIp(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<IpRequest>(context) is not { } request)
        {
            return;
        }

        control.BlockIp(request.Ip ?? "");
        await Get(context, control);
    }

    public static async Task UnblockIp(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<IpRequest>(context) is not { } request)
        {
            return;
        }

        control.UnblockIp(request.Ip ?? "");
        await Get(context, control);
    }
}
