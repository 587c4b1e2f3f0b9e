using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Features.ApiUsers;

namespace Portal.Localization;

public static class LocalizationPipeline
{
    private static readonly CultureInfo MachineCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// Pages and exports for people follow the culture cookie, then Accept-Language; the APIs and the OpenAPI document
    /// are for programs, so they stay English (codes, problem details, number formats) whatever the caller's browser says.
    /// </summary>
    public static WebApplication UsePortalLocalization(this WebApplication app)
    {
        var apiBase = app.Services.GetRequiredService<IOptions<ApiUsersOptions>>().Value.BasePath;
        bool IsMachineFacing(HttpContext c) => c.Request.Path.StartsWithSegments(apiBase) || c.Request.Path.StartsWithSegments("/openapi");

        app.UseWhen(IsMachineFacing, api => api.Use((context, next) =>
        {
            CultureInfo.CurrentCulture = MachineCulture;
            CultureInfo.CurrentUICulture = MachineCulture;
            return next(context);
        }));
        app.UseWhen(c => !IsMachineFacing(c), ui => ui.UseRequestLocalization());
        return app;
    }
}
