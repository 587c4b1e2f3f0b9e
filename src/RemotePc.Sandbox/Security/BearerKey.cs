using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Security;

internal static class BearerKey
{
    private const string Scheme = "Bearer ";

    /// <summary>Constant-time comparison of the <c>Authorization: Bearer</c> value with the current key.</summary>
    public static bool Matches(HttpRequest request, string currentKey)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(currentKey);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
