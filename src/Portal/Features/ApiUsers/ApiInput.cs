using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Portal.Features.ApiUsers;

/// <summary>
/// The parsers of outside input for the API (headers, endtime, ip, apikey prefix). Each returns a clear
/// result and never throws, whatever it is given (property-tested).
/// </summary>
public static partial class ApiInput
{
    /// <summary>Base32hex, lowercase, as in the spec's examples.</summary>
    public const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    public const int ApiKeyRandomLength = 27;
    public const int TokenLength = 75;
    public const int SessionTokenLength = 52;
    public const int MaxPrefixLength = 24;

    // A 1024-character token is 1368 BASE64 characters; anything longer is not ours.
    public const int MaxEncodedHeaderLength = 1400;

    public static string RandomPart(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Spaces become '_', characters outside 0-9 A-Z a-z - _ are dropped, then it is cut to 24.</summary>
    public static string SanitizePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return "";
        }
        var sb = new StringBuilder(Math.Min(prefix.Length, MaxPrefixLength));
        foreach (var c in prefix)
        {
            if (sb.Length == MaxPrefixLength)
            {
                break;
            }
            if (c == ' ')
            {
                sb.Append('_');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public static string NewApiKey(string? prefix)
    {
        var clean = SanitizePrefix(prefix);
        var random = RandomPart(ApiKeyRandomLength);
        return clean.Length == 0 ? random : $"{clean}_{random}";
    }

    /// <summary>
    /// Reads one BASE64 header value given under either of two names. Missing, repeated (also under both names),
    /// oversized, undecodable or non-UTF-8 values give null.
    /// </summary>
    public static string? ReadBase64Header(IHeaderDictionary headers, string name, string alternateName)
    {
        var a = headers.TryGetValue(name, out var first) ? first : StringValues.Empty;
        var b = headers.TryGetValue(alternateName, out var second) ? second : StringValues.Empty;
        if (a.Count + b.Count != 1)
        {
            return null;
        }
        return DecodeBase64(a.Count == 1 ? a[0] : b[0]);
    }

    /// <summary>One BASE64 header value; missing, repeated or undecodable gives null.</summary>
    public static string? ReadBase64Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? DecodeBase64(values[0]) : null;

    public static string? DecodeBase64(string? encoded)
    {
        Span<byte> buffer = stackalloc byte[MaxEncodedHeaderLength];
        return TryDecodeBase64(encoded, buffer, out var written, out _) ? Encoding.UTF8.GetString(buffer[..written]) : null;
    }

    /// <summary>
    /// <see cref="DecodeBase64"/> into a caller's buffer (at least <see cref="MaxEncodedHeaderLength"/> bytes) without a
    /// string: the credential check runs on every API call. <paramref name="chars"/> is the decoded text's UTF-16 length.
    /// </summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> encoded, Span<byte> utf8, out int bytes, out int chars)
    {
        bytes = chars = 0;
        var trimmed = encoded.Trim();
        if (trimmed.IsEmpty || encoded.Length > MaxEncodedHeaderLength || !Convert.TryFromBase64Chars(trimmed, utf8, out bytes) || bytes == 0)
        {
            return false;
        }
        // A credential never holds control characters: they would only end up in logs. Tokens are ASCII, checked vectorized.
        var decoded = (ReadOnlySpan<byte>)utf8[..bytes];
        if (Ascii.IsValid(decoded))
        {
            chars = bytes;
            return decoded.IndexOfAnyInRange((byte)0x00, (byte)0x1F) < 0 && !decoded.Contains((byte)0x7F);
        }
        // Anything else must be strict UTF-8 (no replacement characters), and is counted in UTF-16 code units.
        while (!decoded.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(decoded, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }
            chars += rune.Utf16SequenceLength;
            decoded = decoded[consumed..];
        }
        return true;
    }

    /// <summary>yyyy-[m]m-[d]d or yyyy-[m]m-[d]d hh:mm:ss[.f...], a wall-clock time (of the configured zone).</summary>
    public static bool TryParseEndTime(string? value, out DateTime result)
    {
        result = default;
        if (value is null || value.Length > 40)
        {
            return false;
        }
        var m = EndTimePattern().Match(value);
        if (!m.Success)
        {
            return false;
        }
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        var time = TimeSpan.Zero;
        if (m.Groups["h"].Success)
        {
            var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture);
            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }
            var fraction = m.Groups["f"].Success ? m.Groups["f"].Value : "";
            var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
            time = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        }
        result = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified) + time;
        return true;
    }

    /// <summary>yyyy-MM-dd at midnight, else yyyy-MM-dd HH:mm:ss.</summary>
    public static string FormatTime(DateTime local) =>
        local.TimeOfDay == TimeSpan.Zero
            ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A plain dotted-quad IPv4 or an IPv6 address (no zone id, no shorthand like "127.1");
    /// an IPv4-mapped IPv6 address comes back as IPv4.
    /// </summary>
    public static bool TryParseIp(string? value, out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(value) || value.Length > 45)
        {
            return false;
        }
        if (Ipv4Pattern().IsMatch(value))
        {
            return IPAddress.TryParse(value, out address);
        }
        if (value.Contains(':') && !value.Contains('%') && Ipv6Chars().IsMatch(value)
            && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = Normalize(v6);
            return true;
        }
        return false;
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{1,2})-(?<d>[0-9]{1,2})(?: (?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?:\.(?<f>[0-9]{1,9}))?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex EndTimePattern();

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Chars();
}
