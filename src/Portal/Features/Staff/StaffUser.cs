using Microsoft.AspNetCore.Identity;

namespace Portal.Features.Staff;

/// <summary>A staff member's local account.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Disabled accounts cannot sign in and lose open sessions at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    public bool PrefersDarkMode { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
}
