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

    // A key missing from both files still shows its English text rather than nothing.
    public static string Get(string english) => Resources.GetString(english, CultureInfo.CurrentUICulture) ?? english;

    // The format string is the current culture's translation, so there is no single CompositeFormat to cache (CA1863).
#pragma warning disable CA1863
    public static string Format(string english, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(english), args);
#pragma warning restore CA1863
}
