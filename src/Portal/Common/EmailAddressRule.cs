using System.Net.Mail;

namespace Portal.Common;

/// <summary>
/// The email syntax the portal accepts before sending anything upstream: one address, a local part, and a domain with a dot.
/// RemotePC's own rule is undocumented; this is deliberately close to what its ENTER_VALID_EMAIL answers suggest.
/// </summary>
public static class EmailAddressRule
{
    public const int MaxLength = 254;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Any(char.IsWhiteSpace) || value.Any(char.IsControl))
        {
            return false;
        }
        if (!MailAddress.TryCreate(value, out var address) || address.Address != value || !string.IsNullOrEmpty(address.DisplayName))
        {
            return false;
        }
        var at = value.LastIndexOf('@');
        var domain = value[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }
}
