using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RemotePc.Sandbox.Faults;

namespace RemotePc.Sandbox.Api;

internal static class FaultInjection
{
    /// <summary>
    /// Applies a fault decision. True when the call should go on normally. Delays use real time on purpose: a
    /// host on a fake clock (link-expiry tests) would otherwise never finish a delayed call.
    /// </summary>
    public static async Task<bool> ApplyAsync(HttpContext context, FaultDecision decision, SandboxEndpoint endpoint)
    {
        if (decision == FaultDecision.None)
        {
            return true;
        }

        // Also end delays when the host stops, so disposing a sandbox never waits for a hanging call.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, wait.Token);
        }

        switch (decision.Kind)
        {
            case FaultKind.None:
                return true;
            case FaultKind.Drop:
                context.Abort();
                return false;
            case FaultKind.Hang:
                await Task.Delay(FaultSpec.MaxHang, wait.Token);
                await ApiResponse.ServerError(context);
                return false;
            case FaultKind.Unauthorized:
                await ApiResponse.Unauthorized(context, ResellerApiPipeline.UnauthorizedDescription(endpoint));
                return false;
            case FaultKind.Forbidden:
                await ApiResponse.Forbidden(context);
                return false;
            default:
                await ApiResponse.ServerError(context);
                return false;
        }
    }
}
