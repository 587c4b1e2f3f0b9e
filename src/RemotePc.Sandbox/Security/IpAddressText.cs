using System.Net;

namespace RemotePc.Sandbox.Security;

/// <summary>Canonical text of an address so that <c>::ffff:127.0.0.1</c> and <c>127.0.0.1</c> compare equal.</summary>
internal static class IpAddressText
{
    public static string? Normalize(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>Parses and normalizes configured or control-supplied text; null if it is not an address.</summary>
    public static string? Normalize(string? text) =>
        IPAddress.TryParse(text?.Trim(), out var address) ? Normalize(address) : null;
}
