using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Logs when each hosted service's stop begins and how long it took, so a host whose stop hangs names the service
/// it hangs in (the generic host logs nothing per service). Start and the lifecycle steps go through unchanged; what
/// the host does not see through a wrapper is that a service is a BackgroundService, so a background service that fails
/// is not logged by the host nor stops it (the tests that use this look at the outcome instead).
/// </summary>
public static class TimedHostedServices
{
    public const string Category = "Portal.Tests.HostedServiceStop";

    /// <summary>Wraps every hosted service registered so far; call it last, after the app's own registrations.</summary>
    public static void WrapAll(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService)
            {
                continue;
            }
            services[i] = ServiceDescriptor.Singleton<IHostedService>(provider =>
            {
                var inner = Create(provider, descriptor);
                var owned = descriptor.ImplementationType is not null;
                var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
                // The host treats lifecycle services differently (their extra steps, and when it stops the application),
                // so a wrapper is one only when what it wraps is.
                return inner is IHostedLifecycleService lifecycle ? new TimedLifecycle(lifecycle, owned, logger) : new Timed(inner, owned, logger);
            });
        }
    }

    private static IHostedService Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IHostedService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    // An instance made here is the wrapper's to dispose, as the container would have; one from a factory or an
    // instance is disposed by whoever made it.
    private class Timed(IHostedService inner, bool owned, ILogger logger) : IHostedService, IAsyncDisposable
    {
        private string Name => inner.GetType().Name;

        public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Stopping {Service}", Name);
            var clock = Stopwatch.StartNew();
            try
            {
                await inner.StopAsync(cancellationToken);
            }
            finally
            {
                logger.LogInformation("Stopped {Service} after {Ms} ms", Name, clock.ElapsedMilliseconds);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!owned)
            {
                return;
            }
            if (inner is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                (inner as IDisposable)?.Dispose();
            }
        }
    }

    private sealed class TimedLifecycle(IHostedLifecycleService inner, bool owned, ILogger logger) : Timed(inner, owned, logger), IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => inner.StartingAsync(cancellationToken);

        public Task StartedAsync(CancellationToken cancellationToken) => inner.StartedAsync(cancellationToken);

        public Task StoppingAsync(CancellationToken cancellationToken) => inner.StoppingAsync(cancellationToken);

        public Task StoppedAsync(CancellationToken cancellationToken) => inner.StoppedAsync(cancellationToken);
    }
}
