using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Portal.Features.ApiUsers;

/// <summary>Names for the integration API: <c>.RequireAuthorization(ApiPolicies.ApiUser).RequireRateLimiting(ApiPolicies.IntegrationRateLimit)</c>.</summary>
public static class ApiPolicies
{
    /// <summary>Any valid API user (scheme ApiCredential): not deleted, before its endtime, bound IP or session token.</summary>
    public const string ApiUser = "ApiUser";

    /// <summary>A valid API user with isAdmin.</summary>
    public const string ApiAdmin = "ApiAdmin";

    public const string AdminRateLimit = "api-admin";

    public const string IntegrationRateLimit = "api-integration";
}

public static class ApiCredentialDefaults
{
    public const string Scheme = "ApiCredential";
    public const string UserRole = "api-user";
    public const string AdminRole = "api-admin";

    /// <summary>Why a known API user was refused (deleted, expired, wrong address); absent when it is valid.</summary>
    public const string RefusalClaim = "api-refusal";
}

/// <summary>
/// Authenticates the integration API: <c>Authorization: Bearer &lt;sessionToken&gt;</c> from any address, or the
/// BASE64 <c>Apikey</c>/<c>Token</c> headers from the user's bound address. A known but refused user
/// (deleted, expired, wrong address) is authenticated without roles, so the policy answers 403, not 401.
/// </summary>
internal sealed class ApiCredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiUserService users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        CredentialCheck check;
        if (headers.TryGetValue(HeaderNames.Authorization, out var authorization))
        {
            var value = authorization.Count == 1 ? authorization[0] : null;
            if (value is null || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.NoResult();
            }
            check = await users.CheckSessionTokenAsync(value["Bearer ".Length..].Trim(), Context.RequestAborted);
        }
        else if (headers.ContainsKey("Apikey") || headers.ContainsKey("Token"))
        {
            // The apikey becomes a string for the lookup; the token is decoded on the stack by the check itself.
            var token = headers.TryGetValue("Token", out var values) && values.Count == 1 ? values[0] : null;
            check = await users.CheckEncodedAsync(ApiInput.ReadBase64Header(headers, "Apikey"), token, ClientAddress.Of(Context), Context.RequestAborted);
        }
        else
        {
            return AuthenticateResult.NoResult();
        }
        if (check.Status == CredentialStatus.Invalid || check.ApiKey is null)
        {
            return AuthenticateResult.Fail("Invalid API credential.");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, check.ApiKey), new(ClaimTypes.NameIdentifier, check.ApiKey) };
        if (check.Status == CredentialStatus.Valid)
        {
            claims.Add(new Claim(ClaimTypes.Role, ApiCredentialDefaults.UserRole));
            if (check.IsAdmin)
            {
                claims.Add(new Claim(ClaimTypes.Role, ApiCredentialDefaults.AdminRole));
            }
        }
        else
        {
            claims.Add(new Claim(ApiCredentialDefaults.RefusalClaim, check.Status.ToString()));
        }
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.ContentType = ApiProblems.ContentType;
        await Response.WriteAsync(ApiProblems.UnauthorizedJson, Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var refusal = Context.User.FindFirst(ApiCredentialDefaults.RefusalClaim)?.Value;
        var status = Enum.TryParse<CredentialStatus>(refusal, out var parsed) ? parsed : CredentialStatus.Valid;
        await ApiProblems.Forbidden(status).ExecuteAsync(Context);
    }
}
