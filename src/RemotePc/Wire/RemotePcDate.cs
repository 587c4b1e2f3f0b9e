using System.Globalization;

namespace RemotePc.Wire;

internal static class RemotePcDate
{
    public const string Format = "MM-dd-yyyy";

    /// <summary>Null for anything that is not exactly MM-dd-yyyy; never throws.</summary>
    public static DateOnly? Parse(string? value) => Parse(value.AsSpan());

    /// <summary>
    /// The common case straight from the JSON bytes: exactly "MM-dd-yyyy" in ASCII digits, a real date. False means
    /// "not decided here" (the caller falls back to <see cref="Parse(ReadOnlySpan{char})"/>), never "invalid".
    /// DateOnly.TryParseExact per row of 200,000 was the costliest field of the list.
    /// </summary>
    public static bool TryParseUtf8(ReadOnlySpan<byte> value, out DateOnly date)
    {
        date = default;
        if (value.Length != 10 || value[2] != '-' || value[5] != '-'
            || !TwoDigits(value[0], value[1], out var month) || !TwoDigits(value[3], value[4], out var day)
            || !TwoDigits(value[6], value[7], out var century) || !TwoDigits(value[8], value[9], out var years))
        {
            return false;
        }
        var year = century * 100 + years;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TwoDigits(byte tens, byte units, out int value)
    {
        value = (tens - '0') * 10 + (units - '0');
        return char.IsAsciiDigit((char)tens) && char.IsAsciiDigit((char)units);
    }

    public static DateOnly? Parse(ReadOnlySpan<char> value) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
