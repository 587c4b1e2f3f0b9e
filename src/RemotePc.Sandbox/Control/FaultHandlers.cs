using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Control;

internal static class FaultHandlers
{
    /// <summary><c>{"add":{spec},"*":{spec}}</c> with the remaining next-N failures.</summary>
    public static Task Get(HttpContext context, SandboxControl control) =>
        ControlJson.Write(context, control.Faults().ToDictionary(pair => EndpointNames.Of(pair.Key), pair => pair.Value));

    /// <summary>
    /// <c>{"endpoint":"signin","latencyMs":0,"serverErrorRate":0,"failNextCount":0,"failNextKind":"serverError","always":"none"}</c>;
    /// kinds: none, serverError, hang, drop, unauthorized, forbidden. Replaces that endpoint's previous spec.
    /// </summary>
    public static async Task Inject(HttpContext context, SandboxControl control)
    {
        if (await ControlJson.ReadAsync<FaultRequest>(context) is not { } request)
        {
            return;
        }

        if (!EndpointNames.TryParse(request.Endpoint, out var endpoint))
        {
            await ControlJson.Problem(context, StatusCodes.Status400BadRequest, "endpoint must be add, invite, signin, list or *.");
            return;
        }

        control.InjectFault(endpoint, new FaultSpec
        {
            LatencyMs = request.LatencyMs,
            ServerErrorRate = request.ServerErrorRate,
            FailNextCount = request.FailNextCount,
            FailNextKind = request.FailNextKind ?? FaultKind.ServerError,
            Always = request.Always ?? FaultKind.None,
        });
        await Get(context, control);
    }

    public static Task Clear(HttpContext context, SandboxControl control)
    {
        control.ClearFaults();
        return Get(context, control);
    }
}
