using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Audit;

public sealed class AuditOptions
{
    public const string Section = "Portal:Audit";

    /// <summary>Rows older than this many days are deleted once a day; 0 keeps the trail forever.</summary>
    [Range(0, 36_500, ErrorMessage = "Portal:Audit:RetentionDays must be between 0 (keep forever) and 36500.")]
    public int RetentionDays { get; set; }
}
