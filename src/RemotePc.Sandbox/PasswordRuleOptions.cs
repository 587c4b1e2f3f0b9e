namespace RemotePc.Sandbox;

/// <summary>
/// The rule behind RemotePC's undocumented <c>INVALID_PASSWORD</c>. The portal binds the same configuration
/// into its own type, so both sides reject the same passwords.
/// </summary>
public sealed class PasswordRuleOptions
{
    public int MinLength { get; set; } = 8;
    public int MaxLength { get; set; } = 64;
    public bool RequireLetter { get; set; } = true;
    public bool RequireDigit { get; set; } = true;
}
