using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Features.ApiUsers;

/// <summary>
/// Removes expired session tokens once an hour. They are already dead (every use checks the expiry); this only keeps
/// the table from growing with rows nobody can use.
/// </summary>
internal sealed class SessionTokenSweeper(
    IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<SessionTokenSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenSettledAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not remove expired session tokens; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SessionToken>().Where(t => t.ExpiresUtc <= now).ExecuteDeleteAsync(ct);
    }
}
