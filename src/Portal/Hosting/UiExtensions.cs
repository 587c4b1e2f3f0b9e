using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Portal.Components;
using Portal.Features.Setup;
using Portal.Localization;

namespace Portal.Hosting;

public static class UiExtensions
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalCircuitOptions>().BindConfiguration(PortalCircuitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var circuits = builder.Configuration.GetSection(PortalCircuitOptions.Section).Get<PortalCircuitOptions>() ?? new();
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                o.DisconnectedCircuitRetentionPeriod = circuits.DisconnectedRetention;
                o.DisconnectedCircuitMaxRetained = circuits.MaxDisconnectedRetained;
                o.JSInteropDefaultCallTimeout = circuits.JsInteropTimeout;
                o.MaxBufferedUnacknowledgedRenderBatches = circuits.MaxUnacknowledgedRenderBatches;
                o.DetailedErrors = false;
            })
            .AddHubOptions(o => o.MaximumReceiveMessageSize = circuits.MaxReceiveMessageBytes);
        services.AddSingleton<CircuitCounter>();
        services.AddScoped<CircuitHandler, CircuitLimitHandler>();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        // The last resort: pages get the friendly error page, APIs problem details (the inner handler catches first);
        // never a stack trace outside Development.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Liveness answers while the database migrates, so an orchestrator does not restart an instance in the middle of
        // it; readiness (/healthz/ready) waits for it.
        app.UseStartupGate(passThrough: HostingExtensions.LivenessPath);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UsePortalLocalization();
        app.UseMiddleware<SetupGateMiddleware>();
        // Before authentication and authorization, so failed credential guesses are counted too.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
