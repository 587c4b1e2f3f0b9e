namespace Portal.Features.Setup;

/// <summary>Unattended installs create the first Admin from these (environment variables Portal__Bootstrap__AdminEmail / AdminPassword).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Portal:Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
