using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Localization;
using Portal.Hosting;

namespace Portal.Localization;

/// <summary>
/// The culture cookie that request localization reads before Accept-Language: written when staff pick a language and
/// at sign-in from the language their account remembers.
/// </summary>
public static class CultureCookie
{
    public static bool IsSupported(string? culture) =>
        culture is not null && HostingExtensions.SupportedCultures.Any(c => c.Name == culture);

    /// <summary>The link that switches to <paramref name="culture"/> and comes back to the current page.</summary>
    public static string SwitchUrl(NavigationManager navigation, string culture) =>
        $"/culture/set?culture={culture}&redirectUri={Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri))}";

    /// <summary>Texts in <paramref name="language"/>; dates and numbers in the browser's region of that language, if it names one.</summary>
    public static void Write(HttpContext context, string language) =>
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(RegionalFormat(context.Request, language), language)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    // The browser's most wanted supported region of the language ("en-GB" for English in "en-GB,en;q=0.8,de;q=0.5").
    internal static string RegionalFormat(HttpRequest request, string language) =>
        request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => HostingExtensions.FormattingCultures.FirstOrDefault(c => string.Equals(c.Name, l.Value.Value, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(c => c is { IsNeutralCulture: false } && c.TwoLetterISOLanguageName == language)?.Name ?? language;
}
