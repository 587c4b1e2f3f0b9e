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

    /// <summary>A wall-clock time in a zone the page names: the date alone when it is midnight (as API-user ends usually are).</summary>
    public static string Local(DateTime value) =>
        value.ToString(value.TimeOfDay == TimeSpan.Zero ? "d" : "g", CultureInfo.CurrentCulture);

    /// <summary>To the second and without the label, for a column whose heading already says UTC (the audit log).</summary>
    public static string UtcSeconds(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc).ToString("G", CultureInfo.CurrentCulture);

    public static string Utc(DateTime? value) => value is { } v ? Utc(v) : "–";
}
