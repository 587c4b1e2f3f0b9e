using System.Globalization;
using System.Resources;

namespace Portal.Localization;

/// <summary>
/// The same resources as IStringLocalizer&lt;SharedResource&gt;, for places without DI: data-annotation messages
/// (ErrorMessageResourceType needs static properties) and text built outside a component.
/// </summary>
public static class Text
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    public static string Get(string english) =>
        Resources.GetString(english, CultureInfo.CurrentUICulture) ?? english;
}
