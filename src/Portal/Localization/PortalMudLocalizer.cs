using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Portal.Localization;

/// <summary>
/// MudBlazor's own texts (pager, data-grid menus, date picker, dialog close buttons…) in the staff member's language.
/// MudBlazor asks this only for cultures other than English and keeps its built-in English for keys found nowhere,
/// so MudBlazorText.de.resx holds German under MudBlazor's key names and English needs no file.
/// </summary>
internal sealed class PortalMudLocalizer : MudLocalizer
{
    private static readonly ResourceManager Resources = new(typeof(MudBlazorText).FullName!, typeof(MudBlazorText).Assembly);

    public override LocalizedString this[string key] =>
        Find(key) is { } text ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        Find(key) is { } text
            ? new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text, arguments))
            : new LocalizedString(key, key, resourceNotFound: true);

    // Walks de-DE → de by hand: there is no neutral resource, and the ResourceManager's own fallback throws without one.
    internal static string? Find(string key)
    {
        for (var culture = CultureInfo.CurrentUICulture; !Equals(culture, CultureInfo.InvariantCulture); culture = culture.Parent)
        {
            if (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key) is { } text)
            {
                return text;
            }
        }
        return null;
    }
}
