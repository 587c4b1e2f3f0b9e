using System.ComponentModel.DataAnnotations;

namespace RemotePc;

public sealed class RemotePcOptions : IValidatableObject
{
    public const string Section = "RemotePc";

    [Required]
    public Uri BaseUrl { get; set; } = new("https://web1.remotepc.com/rpc-api/reseller/private/");

    // Bounds every single attempt up to the response headers; add, invite and sign-in get exactly one attempt.
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    // Bounds the whole list call, retries and the streamed body included; keep it below the caller's own timeout.
    [Range(typeof(TimeSpan), "00:00:00.001", "00:30:00")]
    public TimeSpan ListTotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [Range(0, 10)]
    public int ListRetries { get; set; } = 3;

    // First backoff delay of the list retries; exponential with jitter after that.
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ListRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    // An error body is only read to learn the envelope's status and descriptions; a hostile one must not cost memory.
    [Range(1024, 1024 * 1024)]
    public int MaxErrorBodyBytes { get; set; } = 64 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Relative paths (user/add) are resolved against the base URL the RFC 3986 way: without the slash the last segment would be lost.
        if (BaseUrl is { } url && (!url.IsAbsoluteUri || !url.AbsoluteUri.EndsWith('/')))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(BaseUrl)} must be an absolute URL ending with '/'.", [nameof(BaseUrl)]);
        }
    }
}
