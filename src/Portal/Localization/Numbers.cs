using System.Globalization;

namespace Portal.Localization;

/// <summary>
/// Numbers as the staff member's culture writes them (1,234 / 1.234). Razor and the localizer's placeholders print
/// whole numbers without group separators, so counts that can run into thousands go through here.
/// </summary>
public static class Numbers
{
    public static string Whole(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A share from 0 to 1 as a percentage: 0.5 is "50 %" in German, "50%" in English.</summary>
    public static string Percent(double share, int decimals = 0) => share.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);
}
