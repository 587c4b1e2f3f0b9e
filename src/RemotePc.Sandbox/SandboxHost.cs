using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RemotePc.Sandbox.Hosting;

namespace RemotePc.Sandbox;

/// <summary>
/// A running sandbox on its own Kestrel listener on 127.0.0.1. Built from an empty builder on purpose: a host
/// that mounts it in-process must not leak its appsettings, URLs or logging configuration into the sandbox.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILogger _logger;

    private SandboxHost(WebApplication app, Uri baseAddress, SandboxControl control)
    {
        _app = app;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SandboxHost>();
        BaseAddress = baseAddress;
        ApiBaseAddress = new Uri(baseAddress, SandboxEndpointRouteBuilderExtensions.ApiPrefix.TrimStart('/'));
        Control = control;
    }

    /// <summary>For example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><see cref="BaseAddress"/> + <c>rpc-api/reseller/private/</c>.</summary>
    public Uri ApiBaseAddress { get; }

    public SandboxControl Control { get; }

    public static async Task<SandboxHost> StartAsync(
        SandboxOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null,
        CancellationToken ct = default)
    {
        SandboxOptionsValidation.Validate(options);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(
            new TokenSafeLoggerFactory(loggerFactory ?? NullLoggerFactory.Instance)));
        builder.Services.AddRemotePcSandbox(options, time);

        var app = builder.Build();
        try
        {
            // Open and seed the store before the port opens, so the first call never waits for seeding.
            _ = app.Services.GetRequiredService<SandboxRuntime>();
            app.MapRemotePcSandbox();
            await app.StartAsync(ct).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var control = app.Services.GetRequiredService<SandboxControl>();
            return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"), control);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask DisposeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Calls in flight get a moment to finish; a sandbox being let go does not wait out the host's 30 s for them.
            _logger.LogDebug("Stopping the sandbox at {Address}", BaseAddress);
            using var stopping = new CancellationTokenSource(StopTimeout);
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
            _logger.LogDebug("The sandbox's server stopped after {Ms} ms", clock.ElapsedMilliseconds);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _logger.LogDebug("The sandbox's host was disposed after {Ms} ms", clock.ElapsedMilliseconds);
        }
    }
}
