using Microsoft.EntityFrameworkCore;
using RemotePc.Sandbox;
using Portal.Features.Settings;

namespace Portal.Features.Connection;

/// <summary>
/// The in-process RemotePc.Sandbox of RemotePc:Mode=Sandbox. It runs on its own loopback listener (so it is reached over
/// real HTTP, like the real service) and is up before the portal serves a request: the portal's start-up work waits for it
/// (<see cref="CompleteStartAsync"/>). On a fresh install it hands its key to the portal's key store, so a newcomer's
/// first run works with no setting.
/// </summary>
public sealed class EmbeddedSandbox(
    SandboxOptions options,
    IServiceScopeFactory scopes,
    ILoggerFactory loggerFactory,
    ILogger<EmbeddedSandbox> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Who set the key when the sandbox stored its own (English in the database; the Settings page translates it).</summary>
    public const string KeySetter = "sandbox (automatic)";

    private readonly Lock _gate = new();
    private Task<SandboxHost>? _starting;
    private SandboxHost? _host;

    public SandboxHost Host => _host ?? throw new InvalidOperationException("The embedded sandbox has not started yet.");

    /// <summary>
    /// Starts the sandbox's listener and demo-data seeding now, so they run while the portal's database migrates (they
    /// need nothing from it); <see cref="CompleteStartAsync"/> then waits for them and stores the key. Cold start on the
    /// embedded defaults (bench/Portal.Harness row 7) had them one after the other. Calling it again does nothing.
    /// </summary>
    public void BeginStart()
    {
        lock (_gate)
        {
            if (_starting is not null)
            {
                return;
            }
            // On the thread pool: hosts that start synchronously (WebApplicationFactory, some test runners) block a thread
            // on the start-up; this keeps its continuations off any captured synchronization context. Without the portal's
            // execution context: WebApplicationFactory recognises the host it tests by an AsyncLocal of Program's flow,
            // and would otherwise take the sandbox's host, built now, for the portal's (and put it on a TestServer).
            using (ExecutionContext.SuppressFlow())
            {
                _starting = Task.Run(() => SandboxHost.StartAsync(options, loggerFactory));
            }
        }
    }

    /// <summary>A host that did not begin the start early begins it here; the start-up work waits for it.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        BeginStart();
        return Task.CompletedTask;
    }

    /// <summary>Waits for the listener and the demo data, then stores the key on a database that has none.</summary>
    public async Task CompleteStartAsync(CancellationToken cancellationToken)
    {
        BeginStart();
        _host = await _starting!.WaitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Embedded RemotePC sandbox listening on {Address} with {Users} demo users", _host.BaseAddress, _host.Control.UserCount);

        await using var scope = scopes.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ResellerKeyService>();
        if (!(await keys.GetStatusAsync(cancellationToken)).HasKey)
        {
            try
            {
                await keys.StoreTrustedAsync(_host.Control.ApiKey, KeySetter, cancellationToken);
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
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await ReleaseAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync() => await ReleaseAsync().ConfigureAwait(false);

    // A start begun early (BeginStart) whose StartAsync never ran, because start-up failed in between, is still let go.
    private async Task ReleaseAsync()
    {
        Task<SandboxHost>? starting;
        lock (_gate)
        {
            starting = _starting;
            _starting = null;
            _host = null;
        }
        if (starting is null)
        {
            return;
        }
        SandboxHost host;
        try
        {
            host = await starting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // It never started, so there is nothing to stop; StartAsync has reported the failure, if it ran.
            return;
        }
        await host.DisposeAsync().ConfigureAwait(false);
    }
}
