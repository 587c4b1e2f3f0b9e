using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Features.Audit;

/// <summary>
/// Who is acting, for the audit trail. In a circuit there is no HttpContext after the first request,
/// so the client address is captured once when the circuit's scope is created (CircuitClientAddress).
/// </summary>
public sealed class AuditActorAccessor(AuthenticationStateProvider authState, CircuitClientAddress address)
{
    public async Task<AuditActor> CurrentAsync()
    {
        var state = await authState.GetAuthenticationStateAsync();
        return FromPrincipal(state.User, address.Value);
    }

    public static AuditActor FromPrincipal(ClaimsPrincipal user, string? clientAddress) =>
        user.Identity?.IsAuthenticated == true
            ? new AuditActor(user.Identity.Name ?? "unknown", AuditActorKind.Staff, clientAddress)
            : new AuditActor("anonymous", AuditActorKind.Staff, clientAddress);

    /// <summary>For server-rendered requests, where the account is known by what was typed (sign-in) or by the cookie.</summary>
    public static AuditActor FromRequest(HttpContext context, string? name = null) =>
        new(name ?? context.User.Identity?.Name ?? "anonymous", AuditActorKind.Staff, Describe(context.Connection.RemoteIpAddress));

    public static string? Describe(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>The client address of the request that opened this scope (an HTTP request or a circuit).</summary>
public sealed class CircuitClientAddress(IHttpContextAccessor accessor)
{
    public string? Value { get; } = AuditActorAccessor.Describe(accessor.HttpContext?.Connection.RemoteIpAddress);
}
