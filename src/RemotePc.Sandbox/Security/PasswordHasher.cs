using System.Security.Cryptography;
using System.Text;

namespace RemotePc.Sandbox.Security;

/// <summary>
/// Salted SHA-256: enough for an emulator holding demo passwords, and cheap enough to seed 200,000 users in
/// well under a second (a real KDF would take minutes there).
/// </summary>
internal static class PasswordHasher
{
    private const int SaltBytes = 16;

    public static string Hash(string password)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        return Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Compute(salt, password));
    }

    public static bool Verify(string password, string stored)
    {
        var separator = stored.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(stored[..separator]);
            expected = Convert.FromBase64String(stored[(separator + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(salt, password), expected);
    }

    private static byte[] Compute(ReadOnlySpan<byte> salt, string password)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var input = new byte[salt.Length + passwordBytes.Length];
        salt.CopyTo(input);
        passwordBytes.CopyTo(input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }
}
