using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Features.ApiUsers;

/// <summary>
/// The in-memory half of an apikey/token check, once the row for the apikey has been read (null: unknown apikey):
/// decode the Token header, hash it, compare in fixed time, then deleted, expired and bound address.
/// It runs on every integration call, so it works in stack buffers and allocates nothing (a benchmark holds it to
/// 0 B); an unknown apikey costs the same hash and comparison as a known one.
/// </summary>
internal static class ApiCredentialVerifier
{
    /// <summary>The longest token accepted, in UTF-16 code units, as the string-based check always had it.</summary>
    public const int MaxTokenLength = 1024;

    // UTF-8 needs at most 3 bytes per UTF-16 code unit (a lone surrogate becomes U+FFFD).
    private const int MaxTokenBytes = MaxTokenLength * 3;

    private static readonly byte[] DummyHash = new byte[SHA256.HashSizeInBytes];

    // One SHA-256 context per thread, reset by each use: the one-shot SHA256.HashData sets up and tears down an OpenSSL
    // context per call, which on OpenSSL 3 cost more than hashing the 75-byte token (CredentialCheckBenchmarks: about 0.6x).
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>A BASE64 <c>Token</c> header as sent; undecodable, non-UTF-8, control characters or too long is Invalid.</summary>
    public static CredentialStatus VerifyEncoded(ReadOnlySpan<char> encodedToken, ApiUser? user, IPAddress? client, DateTime utcNow)
    {
        Span<byte> token = stackalloc byte[ApiInput.MaxEncodedHeaderLength];
        return ApiInput.TryDecodeBase64(encodedToken, token, out var bytes, out var chars) && chars <= MaxTokenLength
            ? Verify(token[..bytes], user, client, utcNow)
            : CredentialStatus.Invalid;
    }

    /// <summary>A token already decoded to text (the admin API and /cli-credential hand it over this way).</summary>
    public static CredentialStatus Verify(ReadOnlySpan<char> token, ApiUser? user, IPAddress? client, DateTime utcNow)
    {
        if (token.IsEmpty || token.Length > MaxTokenLength)
        {
            return CredentialStatus.Invalid;
        }
        Span<byte> utf8 = stackalloc byte[MaxTokenBytes];
        var length = Encoding.UTF8.GetBytes(token, utf8);
        return Verify(utf8[..length], user, client, utcNow);
    }

    private static CredentialStatus Verify(ReadOnlySpan<byte> tokenUtf8, ApiUser? user, IPAddress? client, DateTime utcNow)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(tokenUtf8);
        sha256.GetHashAndReset(hash);
        var matches = CryptographicOperations.FixedTimeEquals(hash, user?.TokenHash is { Length: SHA256.HashSizeInBytes } stored ? stored : DummyHash);
        if (user is null || !matches)
        {
            return CredentialStatus.Invalid;
        }
        return user.IsDeleted ? CredentialStatus.Deleted
            : utcNow >= user.EndTimeUtc ? CredentialStatus.Expired
            : !IsBoundAddress(user, client) ? CredentialStatus.WrongAddress
            : CredentialStatus.Valid;
    }

    public static bool IsBoundAddress(ApiUser user, IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }
        client = ApiInput.Normalize(client);
        var bound = client.AddressFamily == AddressFamily.InterNetwork ? user.IPv4 : user.IPv6;
        if (bound is null)
        {
            return false;
        }
        // The portal stores the address as IPAddress.ToString() wrote it, so comparing the text needs no parse (and no heap).
        Span<char> text = stackalloc char[64];
        if (client.TryFormat(text, out var written) && text[..written].Equals(bound, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // Any other spelling of the same address (a row edited by hand) is still honoured, as before.
        return IPAddress.TryParse(bound, out var expected) && expected.Equals(client);
    }
}
