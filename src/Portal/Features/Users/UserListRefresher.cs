using Microsoft.Extensions.Options;

namespace Portal.Features.Users;

/// <summary>Keeps the shared list fresh on the configured interval, whether or not anyone is looking.</summary>
internal sealed class UserListRefresher(
    ResellerUserCache cache,
    IOptions<UserListOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first fetch waits until the portal is listening: with the embedded sandbox it is the costliest work at
        // start (building the client, streaming and parsing the list), and it delayed the first served page by more
        // than half a second on two busy cores (bench/Portal.Harness row 7). A page that needs the list sooner asks
        // the cache itself.
        await WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            await cache.RefreshAsync().WaitAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
    }
}
