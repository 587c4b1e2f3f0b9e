using Microsoft.EntityFrameworkCore;
using Portal.Features.Settings;
using Portal.Hosting;
using RemotePc.Sandbox;

namespace Portal.Features.Connection;

/// <summary>
/// The in-process RemotePc.Sandbox of RemotePc:Mode=Sandbox. It runs on its own loopback listener (so it is reached over
/// real HTTP, like the real service). On a fresh install it hands its key to the portal's key store, so a newcomer's
/// first run works with no setting.
/// <para>
/// It starts in the background once the portal has settled (<see cref="HostLifetimeExtensions.WhenSettledAsync"/>), or
/// at the first RemotePC call before that (<see cref="EmbeddedSandboxHandler"/> waits for it). Nothing before the first
/// page needs it, and started with the portal its host and demo data took a core from the portal's own start on two
/// cores (bench/Portal.Harness row 7: the first page 0.1 to 0.17 s sooner without it).
/// </para>
/// </summary>
public sealed class EmbeddedSandbox(
    SandboxOptions options,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<EmbeddedSandbox> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Who set the key when the sandbox stored its own (English in the database; the Settings page translates it).</summary>
    public const string KeySetter = "sandbox (automatic)";

    /// <summary>
    /// The base address the RemotePC client is built with. The sandbox listens on a port chosen when it starts, so
    /// <see cref="EmbeddedSandboxHandler"/> sends each request on to it.
    /// </summary>
    public static readonly Uri ClientBaseAddress = new("http://embedded-sandbox.invalid/");

    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private Task<SandboxHost>? _ready;
    private SandboxHost? _host;

    // Set once the portal lets the sandbox go (stop or dispose, whichever comes first); both wait for this one task
    // (ReleaseAsync).
    private Task? _release;

    /// <summary>The started sandbox, or null before it has.</summary>
    public SandboxHost? StartedHost => Volatile.Read(ref _host);

    /// <summary>
    /// The sandbox, started and its key stored; begins the start if nothing has yet. Blocks while it starts: for tests
    /// and tools. The portal itself awaits <see cref="GetHostAsync"/>.
    /// </summary>
    public SandboxHost Host => StartedHost ?? GetHostAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The sandbox once it listens and its key is in the portal's key store (on a database that had none).</summary>
    public Task<SandboxHost> GetHostAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_release is not null, this);
            // On the thread pool and without the caller's execution context: WebApplicationFactory recognises the host it
            // tests by an AsyncLocal of Program's flow, and would otherwise take the sandbox's host for the portal's.
            using (ExecutionContext.SuppressFlow())
            {
                _ready ??= Task.Run(StartAndStoreKeyAsync);
            }
            return _ready.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Checks the options now, so a wrong setting still stops the portal's start; the sandbox starts later.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        _ = StartWhenSettledAsync(lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }

    private async Task StartWhenSettledAsync(CancellationToken stopping)
    {
        try
        {
            await lifetime.WhenSettledAsync(stopping).ConfigureAwait(false);
            await GetHostAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Logged where it failed; each RemotePC call tries the start again.
        }
    }

    private async Task<SandboxHost> StartAndStoreKeyAsync()
    {
        SandboxHost host;
        try
        {
            host = await SandboxHost.StartAsync(options, loggerFactory).ConfigureAwait(false);
            try
            {
                logger.LogInformation("Embedded RemotePC sandbox listening on {Address} with {Users} demo users", host.BaseAddress, host.Control.UserCount);
                await StoreKeyAsync(host, lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch
            {
                await host.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception ex)
        {
            if (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogError(ex, "The embedded RemotePC sandbox did not start");
            }
            // A later call tries again rather than fail for ever (a busy port, a key store that was not reachable).
            lock (_gate)
            {
                _ready = null;
            }
            throw;
        }
        lock (_gate)
        {
            // Not once the portal has let it go: the release disposes it when this task completes.
            if (_release is null)
            {
                Volatile.Write(ref _host, host);
            }
        }
        return host;
    }

    // Its key, not the configured one: the control surface may have changed it in a store kept from an earlier run.
    private async Task StoreKeyAsync(SandboxHost host, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ResellerKeyService>();
        if ((await keys.GetStatusAsync(cancellationToken)).HasKey)
        {
            return;
        }
        try
        {
            await keys.StoreTrustedAsync(host.Control.ApiKey, KeySetter, cancellationToken);
            logger.LogInformation("Stored the sandbox's API key as the reseller key");
        }
        catch (DbUpdateException)
        {
            // Another instance starting on the same empty database may have stored its sandbox's key first (same setting, same key).
            if (!(await keys.GetStatusAsync(cancellationToken)).HasKey)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Stops the sandbox, waiting for a start under way at most until the host's shutdown timeout: past it, the start's
    /// own end disposes what it started (<see cref="DisposeWhenStartedAsync"/>), and the portal's stop goes on.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReleaseOnceAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The embedded RemotePC sandbox had not finished starting or stopping when the portal's shutdown timeout ran out; it is stopped in the background");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseOnceAsync().WaitAsync(DisposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The embedded RemotePC sandbox had not finished starting or stopping within {Timeout}; it is stopped in the background", DisposeTimeout);
        }
    }

    private Task ReleaseOnceAsync()
    {
        lock (_gate)
        {
            if (_release is null)
            {
                var ready = _ready;
                _ready = null;
                _host = null;
                _release = ReleaseAsync(ready);
            }
            return _release;
        }
    }

    // The stop and the dispose both wait for this one task, and so does each of a host's stops (WebApplicationFactory
    // stops a test's host twice at once). It completes asynchronously: completed inline, its first waiter ran the rest
    // of the host's stop and a synchronous dispose on the completing thread, and the other waiters, queued behind it on
    // that thread, waited out the shutdown timeout.
    private Task ReleaseAsync(Task<SandboxHost>? ready)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Off the lock: a start that has finished is disposed at once, which takes a moment.
        _ = Task.Run(async () =>
        {
            try
            {
                await DisposeWhenStartedAsync(ready).ConfigureAwait(false);
                released.TrySetResult();
            }
            catch (Exception ex)
            {
                released.TrySetException(ex);
            }
        });
        return released.Task;
    }

    private async Task DisposeWhenStartedAsync(Task<SandboxHost>? ready)
    {
        if (ready is null)
        {
            logger.LogDebug("The embedded RemotePC sandbox was never started; nothing to stop");
            return;
        }
        logger.LogDebug("Stopping the embedded RemotePC sandbox (its start {State})", ready.IsCompleted ? "has ended" : "is under way");
        SandboxHost host;
        try
        {
            host = await ready.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // It never started (or its key was never stored and it stopped again): nothing is left to stop.
            logger.LogDebug(ex, "The embedded RemotePC sandbox's start had failed; nothing to stop");
            return;
        }
        await host.DisposeAsync().ConfigureAwait(false);
        logger.LogDebug("Stopped the embedded RemotePC sandbox");
    }
}
