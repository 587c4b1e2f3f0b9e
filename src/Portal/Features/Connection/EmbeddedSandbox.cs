using Microsoft.EntityFrameworkCore;
using RemotePc.Sandbox;
using Portal.Features.Settings;

namespace Portal.Features.Connection;

/// <summary>
/// The in-process RemotePc.Sandbox of RemotePc:Mode=Sandbox. It runs on its own loopback listener (so it is reached over
/// real HTTP, like the real service) and starts before the portal takes requests. On a fresh install it hands its key
/// to the portal's key store, so a newcomer's first run works with no setting.
/// </summary>
public sealed class EmbeddedSandbox(
    SandboxOptions options,
    IServiceScopeFactory scopes,
    ILoggerFactory loggerFactory,
    ILogger<EmbeddedSandbox> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Who set the key when the sandbox stored its own (English in the database; the Settings page translates it).</summary>
    public const string KeySetter = "sandbox (automatic)";

    private SandboxHost? _host;

    public SandboxHost Host => _host ?? throw new InvalidOperationException("The embedded sandbox has not started yet.");

    // Hosts that start synchronously (WebApplicationFactory, some test runners) block a thread on this; running it on the
    // thread pool keeps its continuations off any captured synchronization context, so that block cannot deadlock.
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => StartCoreAsync(cancellationToken), cancellationToken);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _host = await SandboxHost.StartAsync(options, loggerFactory, ct: cancellationToken).ConfigureAwait(false);
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
