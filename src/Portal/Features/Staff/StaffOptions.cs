using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Staff;

public sealed class StaffOptions
{
    public const string Section = "Portal:Staff";

    [Range(3, 20, ErrorMessage = "Portal:Staff:MaxFailedSignIns must be between 3 and 20.")]
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    [Range(8, 128, ErrorMessage = "Portal:Staff:MinPasswordLength must be between 8 and 128.")]
    public int MinPasswordLength { get; set; } = 10;
}
