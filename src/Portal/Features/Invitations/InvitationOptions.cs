using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Invitations;

/// <summary>Limits and pacing of bulk invitations (section Portal:Invitations). Validated at start.</summary>
public sealed class InvitationOptions : IValidatableObject
{
    public const string Section = "Portal:Invitations";

    /// <summary>The largest upload read; Blazor's own default of 500 KB is replaced by this.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 50_000;

    /// <summary>Addresses per user/invite call.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Batches of one job in flight at once, per portal instance.</summary>
    [Range(1, 16)]
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>Calls per batch before its addresses are marked failed (500, timeout, dropped connection).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubled on each further attempt (with a little jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed job stays with one instance without a renewal; renewed every third of it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle instance looks for work it did not hear about (jobs created on another instance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A paused job is tried again this often, and at once when the stored API key changes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan PausedProbeInterval { get; set; } = TimeSpan.FromMinutes(2);

    [Range(0, 100_000)]
    public int DefaultComputers { get; set; }

    /// <summary>The largest number of computers a row may ask for; above it the row is invalid rather than sent.</summary>
    [Range(0, 1_000_000)]
    public int MaxComputers { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultComputers > MaxComputers)
        {
            yield return new ValidationResult($"{Section}:{nameof(DefaultComputers)} must not exceed {nameof(MaxComputers)}.", [nameof(DefaultComputers)]);
        }
    }
}
