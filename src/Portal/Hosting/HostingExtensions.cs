using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Localization;

namespace Portal.Hosting;

public static class HostingExtensions
{
    /// <summary>The languages of the portal's texts.</summary>
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("de")];

    /// <summary>
    /// Regional formats a browser may ask for: texts follow the language, dates and numbers the region (en-GB writes
    /// 23/11/2026, en-US 11/23/2026, de-CH 1’234). Any other region of a supported language formats as the language does.
    /// </summary>
    public static readonly CultureInfo[] FormattingCultures =
    [
        .. SupportedCultures,
        .. new[] { "en-US", "en-GB", "en-IE", "en-AU", "en-NZ", "en-CA", "en-IN", "en-ZA", "de-DE", "de-AT", "de-CH", "de-LU", "de-LI", "de-BE", "de-IT" }
            .Select(name => new CultureInfo(name)),
    ];

    public static WebApplicationBuilder AddPortalHosting(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = FormattingCultures;
            o.SupportedUICultures = SupportedCultures;
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Malformed bodies become exceptions in every environment, so BadRequestExceptionHandler answers them with problem details.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStartupWork();
        return builder;
    }

    /// <summary>The liveness check: it answers while the process runs, checking nothing.</summary>
    public const string LivenessPath = "/healthz";

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Sets the culture cookie, remembers the language on a signed-in staff account (applied again at its next sign-in,
    /// on any browser) and goes back; only local redirect targets are followed.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", async (string? culture, string? redirectUri, HttpContext context, IDbContextFactory<PortalDbContext> dbFactory) =>
        {
            // A link on another site must not change anyone's language: browsers say so in Sec-Fetch-Site.
            if (CultureCookie.IsSupported(culture) && !IsCrossSite(context.Request))
            {
                CultureCookie.Write(context, culture!);
                if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } staffId)
                {
                    await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
                    await db.Users.Where(u => u.Id == staffId)
                        .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), context.RequestAborted);
                }
            }
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool IsCrossSite(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
