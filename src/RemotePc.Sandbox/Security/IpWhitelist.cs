using System.Net;

namespace RemotePc.Sandbox.Security;

/// <summary>RemotePC accepts calls only from whitelisted source IPs; an empty list means "allow all".</summary>
internal sealed class IpWhitelist
{
    private readonly HashSet<string> _allowed;

    public IpWhitelist(IEnumerable<string> allowed)
    {
        _allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in allowed)
        {
            var normalized = IpAddressText.Normalize(entry)
                ?? throw new ArgumentException($"'{entry}' in Sandbox:AllowedIps is not an IP address.", nameof(allowed));
            _allowed.Add(normalized);
        }
    }

    public bool IsAllowed(IPAddress? remote)
    {
        if (_allowed.Count == 0)
        {
            return true;
        }

        var normalized = IpAddressText.Normalize(remote);
        return normalized is not null && _allowed.Contains(normalized);
    }
}
