using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RemotePc.Sandbox.Faults;
using RemotePc.Sandbox.Hosting;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// What every API call goes through: count → method → injected faults → source-IP whitelist (403) → Bearer key
/// (401) → the call's own validation and rules. Counting comes first so faulted calls are counted too.
/// </summary>
internal static class ResellerApiPipeline
{
    public static RequestDelegate For(SandboxEndpoint endpoint, Func<HttpContext, SandboxRuntime, Task> handler) =>
        context => Run(context, endpoint, handler);

    private static async Task Run(HttpContext context, SandboxEndpoint endpoint, Func<HttpContext, SandboxRuntime, Task> handler)
    {
        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        runtime.Counters.Increment(endpoint);

        try
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.Headers.Allow = "POST";
                await ApiResponse.Error(context, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", ErrorCodes.MethodNotAllowed);
                return;
            }

            if (!await FaultInjection.ApplyAsync(context, runtime.Faults.Next(endpoint), endpoint))
            {
                return;
            }

            if (!runtime.Whitelist.IsAllowed(context.Connection.RemoteIpAddress))
            {
                await ApiResponse.Forbidden(context);
                return;
            }

            if (!Security.BearerKey.Matches(context.Request, runtime.State.ApiKey))
            {
                await ApiResponse.Unauthorized(context, UnauthorizedDescription(endpoint));
                return;
            }

            await handler(context, runtime);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (OperationCanceledException) when (!context.Response.HasStarted)
        {
            // The host is stopping during an injected delay: give the waiting client an answer rather than a reset.
            await ApiResponse.ServerError(context);
        }
        catch (Exception exception)
        {
            runtime.Logger.LogError(exception, "Sandbox call {Endpoint} failed", endpoint);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await ApiResponse.ServerError(context);
        }
    }

    /// <summary>RemotePC's list call spells its 401 differently from the others.</summary>
    public static string UnauthorizedDescription(SandboxEndpoint endpoint) =>
        endpoint == SandboxEndpoint.List ? ErrorCodes.UnauthorizedAccess : ErrorCodes.NotAuthorized;
}
