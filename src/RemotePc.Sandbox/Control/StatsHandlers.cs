using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Control;

internal static class StatsHandlers
{
    /// <summary><c>{"add":n,"invite":n,"signin":n,"list":n,"total":n}</c>: calls received, faulted ones included.</summary>
    public static Task Get(HttpContext context, SandboxControl control) => ControlJson.Write(context, new
    {
        add = control.ReceivedCount(SandboxEndpoint.Add),
        invite = control.ReceivedCount(SandboxEndpoint.Invite),
        signin = control.ReceivedCount(SandboxEndpoint.Signin),
        list = control.ReceivedCount(SandboxEndpoint.List),
        total = control.ReceivedCount(SandboxEndpoint.All),
    });

    public static Task Reset(HttpContext context, SandboxControl control)
    {
        control.ResetCounters();
        return Get(context, control);
    }
}
