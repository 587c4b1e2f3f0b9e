using Microsoft.Extensions.Options;
using Portal.Hosting;

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
        // The first fetch waits until the portal has settled after its start: with the embedded sandbox it is the
        // costliest work there (building the client, streaming and parsing the list), and it delayed the first served
        // page on two busy cores (bench/Portal.Harness row 7). A page that needs the list sooner asks the cache itself.
        await lifetime.WhenSettledAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            await cache.RefreshAsync().WaitAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
