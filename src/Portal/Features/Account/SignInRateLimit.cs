using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Features.Account;

/// <summary>
/// Staff sign-in attempts per client address (POST /account/login). Each account also locks itself after repeated wrong
/// passwords (Identity lockout); this limit stops one address from spraying many accounts. Answers 429 with Retry-After.
/// </summary>
public static class SignInRateLimit
{
    public static WebApplicationBuilder AddSignInRateLimit(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("Portal:Staff:SignInPermitLimit", 30);
        builder.Services.Configure<RateLimiterOptions>(o => o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "signin:" + (Audit.AuditActorAccessor.Describe(context.Connection.RemoteIpAddress) ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("none")));
        return builder;
    }
}
