using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Features.Users;

public sealed class SignInAsOptions
{
    public const string Section = "Portal:SignInAs";

    [Range(1, 10_000, ErrorMessage = "Portal:SignInAs:PermitLimit must be between 1 and 10000.")]
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Sign-ins as a customer per acting account (staff email or apikey), whether they come from the UI or the API.
/// A circuit's button click is not an HTTP request, so the ASP.NET rate limiter middleware cannot see it.
/// </summary>
public sealed class SignInAsLimiter(IOptions<SignInAsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(actor =>
        RateLimitPartition.GetFixedWindowLimiter(actor.ToLowerInvariant(), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitLimit,
            Window = options.Value.Window,
            QueueLimit = 0,
        }));

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string actor)
    {
        using var lease = _limiter.AttemptAcquire(actor);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Value.Window;
    }

    public void Dispose() => _limiter.Dispose();
}
