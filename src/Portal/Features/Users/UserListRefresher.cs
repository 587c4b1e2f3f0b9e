using Microsoft.Extensions.Options;

namespace Portal.Features.Users;

/// <summary>Keeps the shared list fresh on the configured interval, whether or not anyone is looking.</summary>
internal sealed class UserListRefresher(ResellerUserCache cache, IOptions<UserListOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            await cache.RefreshAsync().WaitAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
