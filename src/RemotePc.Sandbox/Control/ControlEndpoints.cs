using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RemotePc.Sandbox.Control;

/// <summary>
/// HTTP control surface under <c>/_sandbox/</c>: no Bearer key, but loopback callers only, because it can change
/// the key and everyone's data.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_sandbox";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix);

        group.MapGet("/stats", Guarded(StatsHandlers.Get));
        group.MapPost("/stats/reset", Guarded(StatsHandlers.Reset));

        group.MapGet("/invitations", Guarded(PeopleHandlers.ListInvitations));
        group.MapPost("/invitations/accept", Guarded(PeopleHandlers.AcceptInvitation));
        group.MapGet("/users/{email}", Guarded(PeopleHandlers.GetUser));
        group.MapPost("/users/utilization", Guarded(PeopleHandlers.SetUtilization));
        group.MapPost("/users/active", Guarded(PeopleHandlers.SetActive));
        group.MapPost("/users/cancel", Guarded(PeopleHandlers.Cancel));
        group.MapPost("/users/restore", Guarded(PeopleHandlers.Restore));
        group.MapPost("/seed", Guarded(PeopleHandlers.Seed));

        group.MapGet("/account", Guarded(AccountHandlers.Get));
        group.MapPost("/account/suspended", Guarded(AccountHandlers.SetSuspended));
        group.MapPost("/account/key", Guarded(AccountHandlers.SetKey));
        group.MapPost("/ips/block", Guarded(AccountHandlers.BlockIp));
        group.MapPost("/ips/unblock", Guarded(AccountHandlers.UnblockIp));

        group.MapGet("/faults", Guarded(FaultHandlers.Get));
        group.MapPost("/faults", Guarded(FaultHandlers.Inject));
        group.MapDelete("/faults", Guarded(FaultHandlers.Clear));
    }

    private static RequestDelegate Guarded(Func<HttpContext, SandboxControl, Task> handler) => async context =>
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            await ControlJson.Problem(context, StatusCodes.Status403Forbidden, "The sandbox control surface is loopback-only.");
            return;
        }

        var control = context.RequestServices.GetRequiredService<SandboxControl>();
        try
        {
            await handler(context, control);
        }
        catch (ArgumentException exception)
        {
            await ControlJson.Problem(context, StatusCodes.Status400BadRequest, exception.Message);
        }
    };
}
