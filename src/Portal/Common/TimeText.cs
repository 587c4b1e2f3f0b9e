using System.Globalization;

namespace Portal.Common;

/// <summary>
/// Times shown to staff: in the staff member's date format, always in UTC and labelled so. The server cannot know the
/// browser's time zone at render time, and one zone everywhere (as in the audit log) avoids mismatched clocks.
/// </summary>
public static class TimeText
{
    public static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc).ToString("g", CultureInfo.CurrentCulture) + " UTC";

    public static string Utc(DateTimeOffset value) => Utc(value.UtcDateTime);

    public static string Utc(DateTime? value) => value is { } v ? Utc(v) : "–";
}
