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

    public static void Write(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
}
