using System.Globalization;

namespace RemotePc.Wire;

internal static class RemotePcDate
{
    public const string Format = "MM-dd-yyyy";

    /// <summary>Null for anything that is not exactly MM-dd-yyyy; never throws.</summary>
    public static DateOnly? Parse(string? value) => Parse(value.AsSpan());

    public static DateOnly? Parse(ReadOnlySpan<char> value) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
