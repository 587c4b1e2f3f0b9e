using System.Globalization;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using Portal.Features.ApiUsers;

namespace Portal.Tests.Features.ApiUsers;

/// <summary>The parsers of outside input: any input gives a clear answer, never an exception.</summary>
public sealed class ApiInputPropertyTests
{
    [Property(MaxTest = 500)]
    public bool Base64_header_parser_never_throws(string? value, bool twice, bool bothSpellings)
    {
        var headers = new HeaderDictionary();
        if (value is not null)
        {
            headers["Admin-Apikey"] = twice ? new Microsoft.Extensions.Primitives.StringValues([value, value]) : value;
            if (bothSpellings)
            {
                headers["admin_apikey"] = value;
            }
        }
        var result = ApiInput.ReadBase64Header(headers, "Admin-Apikey", "admin_apikey");
        return result is null || (!twice && !bothSpellings && !result.Any(char.IsControl));
    }

    [Property(MaxTest = 300)]
    public bool Base64_round_trips_printable_text(NonEmptyString text)
    {
        var value = text.Get;
        var decoded = ApiInput.DecodeBase64(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        return value.Any(char.IsControl) || value.Any(char.IsSurrogate) || value.Length > 1000
            ? decoded is null || decoded == value
            : decoded == value;
    }

    [Property(MaxTest = 500)]
    public bool Endtime_parser_never_throws(string? value) =>
        !ApiInput.TryParseEndTime(value, out var parsed) || parsed.Year >= 1;

    [Property(MaxTest = 300)]
    public bool Endtime_parser_accepts_every_real_date(DateTime date, bool withTime)
    {
        var text = withTime
            ? date.ToString("yyyy-M-d HH:mm:ss", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-M-d", CultureInfo.InvariantCulture);
        var expected = withTime ? new DateTime(date.Year, date.Month, date.Day, date.Hour, date.Minute, date.Second) : date.Date;
        return ApiInput.TryParseEndTime(text, out var parsed) && parsed == expected
            && ApiInput.FormatTime(parsed) == (expected.TimeOfDay == TimeSpan.Zero
                ? expected.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : expected.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    }

    [Property(MaxTest = 500)]
    public bool Ip_parser_never_throws(string? value) =>
        !ApiInput.TryParseIp(value, out var address) || (address is not null && !address.IsIPv4MappedToIPv6);

    [Property(MaxTest = 300)]
    public bool Ip_parser_accepts_every_ipv4(byte a, byte b, byte c, byte d) =>
        ApiInput.TryParseIp($"{a}.{b}.{c}.{d}", out var address) && address!.Equals(new IPAddress([a, b, c, d]));

    [Property(MaxTest = 300)]
    public bool Ip_parser_accepts_every_ipv6(byte[] bytes)
    {
        if (bytes is null || bytes.Length != 16)
        {
            return true;
        }
        var expected = new IPAddress(bytes);
        if (expected.IsIPv4MappedToIPv6)
        {
            return ApiInput.TryParseIp(expected.ToString(), out var mapped) && mapped!.Equals(expected.MapToIPv4());
        }
        return ApiInput.TryParseIp(expected.ToString(), out var address) && address!.Equals(expected);
    }

    [Property(MaxTest = 500)]
    public bool Prefix_sanitizer_keeps_only_allowed_characters(string? prefix)
    {
        var clean = ApiInput.SanitizePrefix(prefix);
        return clean.Length <= 24 && clean.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    [Property(MaxTest = 200)]
    public bool Apikeys_fit_and_follow_the_pattern(string? prefix)
    {
        var key = ApiInput.NewApiKey(prefix);
        return key.Length <= 256 && System.Text.RegularExpressions.Regex.IsMatch(key, "^([0-9A-Za-z_-]{1,24}_)?[0-9a-v]{27}$");
    }

    [Fact]
    public void Random_parts_use_the_whole_alphabet()
    {
        var seen = string.Concat(Enumerable.Range(0, 50).Select(_ => ApiInput.RandomPart(ApiInput.TokenLength))).Distinct().Count();
        Assert.Equal(32, seen);
    }
}
