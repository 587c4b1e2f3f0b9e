using System.Globalization;

namespace Portal.Common;

/// <summary>The two value shapes query strings carry here: whole numbers (digits only) and ISO dates.</summary>
public static class QueryValues
{
    public static int? WholeNumber(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateOnly? IsoDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
