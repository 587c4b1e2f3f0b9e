namespace Portal.Features.Users;

/// <summary>
/// RemotePC's undocumented rule behind INVALID_PASSWORD. The same section (RemotePc:PasswordRule) configures the
/// embedded sandbox, so the add-user form and the emulator always agree.
/// </summary>
public sealed class PasswordRuleOptions
{
    public const string Section = "RemotePc:PasswordRule";

    public int MinLength { get; set; } = 8;
    public int MaxLength { get; set; } = 64;
    public bool RequireLetter { get; set; } = true;
    public bool RequireDigit { get; set; } = true;

    public bool Allows(string? password) =>
        password is not null && password.Length >= MinLength && password.Length <= MaxLength
        && (!RequireLetter || password.Any(char.IsLetter)) && (!RequireDigit || password.Any(char.IsDigit));
}
