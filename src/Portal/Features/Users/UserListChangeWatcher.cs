using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;
using Portal.Features.Audit;

namespace Portal.Features.Users;

/// <summary>
/// Each instance holds its own copy of the list. A user added through another instance, or through the integration API
/// (which does not refresh), would otherwise appear here only at the next scheduled refresh. Every successful add leaves
/// an audit row in the shared database, so this looks at the audit rows written since its last look (a primary-key range,
/// a handful of rows) and fetches the list once when one of them is an add. A row whose id commits out of order can be
/// missed; the scheduled refresh still catches it.
/// </summary>
internal sealed class UserListChangeWatcher(
    ResellerUserCache cache,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<UserListOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<UserListChangeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ChangeCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        await lifetime.WhenStartedAsync(stoppingToken);
        long? seen = null;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                if (seen is null)
                {
                    seen = await db.AuditEntries.MaxAsync(e => (long?)e.Id, stoppingToken) ?? 0;
                    continue;
                }
                var fresh = await db.AuditEntries.Where(e => e.Id > seen)
                    .Select(e => new { e.Id, Added = e.Action == AuditActions.UserAdded && e.Outcome == AuditOutcome.Success })
                    .ToListAsync(stoppingToken);
                if (fresh.Count > 0)
                {
                    seen = fresh.Max(e => e.Id);
                    if (fresh.Any(e => e.Added))
                    {
                        await cache.RefreshAsync().WaitAsync(stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Looking for users added elsewhere failed; the scheduled refresh still runs");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
