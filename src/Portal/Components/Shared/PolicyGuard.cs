using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Components.Shared;

/// <summary>
/// Re-checks a policy inside an interactive handler. A page's [Authorize] is evaluated when it renders;
/// a handler can run much later (Blazor threat-mitigation guidance), so each action asks again.
/// </summary>
public sealed class PolicyGuard(IAuthorizationService authorization, AuthenticationStateProvider authState)
{
    public async Task<bool> AllowsAsync(string policy)
    {
        var state = await authState.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    public async Task<string?> CurrentUserIdAsync()
    {
        var state = await authState.GetAuthenticationStateAsync();
        return state.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
    }
}
