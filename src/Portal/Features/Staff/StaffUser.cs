using Microsoft.AspNetCore.Identity;

namespace Portal.Features.Staff;

/// <summary>A staff member's local account.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Disabled accounts cannot sign in and lose open sessions at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    public bool PrefersDarkMode { get; set; }

    /// <summary>The language picked in the app bar ("en", "de"); null until one is picked, so the browser's Accept-Language decides.</summary>
    [System.ComponentModel.DataAnnotations.MaxLength(16)]
    public string? PreferredCulture { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
}
