using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Features.Users;
using Portal.Harness.Baseline;

namespace Portal.Harness.Infrastructure;

/// <summary>
/// The baselines of rows 3 and 4: plain Blazor Server pages (bench/Portal.Harness/Baseline) on their own Kestrel port in
/// this process, in the same environment as the portal, reading the portal's own shared user list. Never part of the
/// portal's routing.
/// </summary>
internal sealed class BaselineHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BaselineHost(WebApplication app, string baseUrl, CircuitCounter circuits)
    {
        _app = app;
        BaseUrl = baseUrl;
        Circuits = circuits;
    }

    public string BaseUrl { get; }

    public CircuitCounter Circuits { get; }

    public static async Task<BaselineHost> StartAsync(ResellerUserCache users, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        var circuits = new CircuitCounter();
        builder.Services.AddSingleton(users);
        builder.Services.AddSingleton<CircuitHandler>(circuits);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Closed tabs are let go as quickly as the portal's are in row 4.
        builder.Services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<BaselineApp>().AddInteractiveServerRenderMode();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new BaselineHost(app, address, circuits);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
