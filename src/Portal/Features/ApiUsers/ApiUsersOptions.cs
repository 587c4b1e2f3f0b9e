using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Portal.Features.ApiUsers;

/// <summary>Settings of the admin API, /cli-credential and the API credential scheme (section "Portal:Api").</summary>
public sealed class ApiUsersOptions : IValidatableObject
{
    public const string Section = "Portal:Api";

    /// <summary>Where the API is mounted: POST {BasePath}/users, {BasePath}/cli-credential.</summary>
    [Required, RegularExpression("^/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$", ErrorMessage = "Portal:Api:BasePath must start with '/' and not end with '/', e.g. /api.")]
    public string BasePath { get; set; } = "/api";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Portal:Api:SessionTokenLifetime must be between 1 minute and 30 days.")]
    public TimeSpan SessionTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The zone endtime/starttime are read and printed in (IANA or Windows id). Stored values are UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Requests per window and apikey (or client address when no apikey is sent) on the admin API and /cli-credential.</summary>
    [Range(1, 100_000, ErrorMessage = "Portal:Api:AdminPermitLimit must be between 1 and 100000.")]
    public int AdminPermitLimit { get; set; } = 60;

    /// <summary>Requests per window and apikey (or client address) on the integration API.</summary>
    [Range(1, 100_000, ErrorMessage = "Portal:Api:IntegrationPermitLimit must be between 1 and 100000.")]
    public int IntegrationPermitLimit { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Portal:Api:RateLimitWindow must be between 1 second and 1 hour.")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reverse proxies whose X-Forwarded-For is believed: single addresses or CIDR networks.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
        {
            yield return new ValidationResult($"Portal:Api:TimeZone '{TimeZone}' is not a known time zone id (e.g. UTC, Europe/Berlin).", [nameof(TimeZone)]);
        }
        foreach (var proxy in TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !System.Net.IPNetwork.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Portal:Api:TrustedProxies entry '{proxy}' is neither an IP address nor a CIDR network.", [nameof(TrustedProxies)]);
            }
        }
    }
}
