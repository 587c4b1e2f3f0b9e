using System.Text.RegularExpressions;

namespace RemotePc.Sandbox.Validation;

/// <summary>
/// A deliberately plain address check (local@domain.tld): RemotePC's exact rule is unknown, and the portal only
/// needs the sandbox to reject what is obviously not an address.
/// </summary>
internal static partial class EmailAddress
{
    private const int MaxLength = 254;

    public static bool IsValid(string value) => value.Length <= MaxLength && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
