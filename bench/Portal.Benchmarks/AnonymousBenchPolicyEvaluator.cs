using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Portal.Features.ApiUsers;

namespace Portal.Benchmarks;

/// <summary>
/// Benchmark host only: a request with <see cref="Header"/> reaches the same endpoint, through the same rate limiter,
/// handler and audit row, as an API user that was never checked. That is the issue's "same endpoint without
/// authentication", without adding a route to the portal. Every other request is evaluated as in production.
/// </summary>
internal sealed class AnonymousBenchPolicyEvaluator(IAuthorizationService authorization, ServerTimings timings) : IPolicyEvaluator
{
    public const string Header = "X-Bench-Anonymous";

    private static readonly ClaimsPrincipal Unchecked = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "bench-unchecked"), new Claim(ClaimTypes.Role, ApiCredentialDefaults.UserRole)], "bench", ClaimTypes.Name, ClaimTypes.Role));

    private readonly PolicyEvaluator _inner = new(authorization);

    public async Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(Header))
        {
            var started = Stopwatch.GetTimestamp();
            var result = await _inner.AuthenticateAsync(policy, context);
            timings.AddCheck(Stopwatch.GetElapsedTime(started));
            return result;
        }
        context.User = Unchecked;
        return AuthenticateResult.Success(new AuthenticationTicket(Unchecked, "bench"));
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource) =>
        _inner.AuthorizeAsync(policy, authenticationResult, context, resource);
}
