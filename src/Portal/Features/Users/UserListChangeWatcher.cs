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
/// <para>
/// The first look waits until the portal has settled (<see cref="HostLifetimeExtensions.WhenSettledAsync"/>): begun at
/// the start, its queries took a core from the first pages (bench/Portal.Harness row 7). It takes every row stamped since
/// this instance started as new, so a user added elsewhere meanwhile is not lost; a row stamped by a clock behind this
/// one may be, and the scheduled refresh catches it too.
/// </para>
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
        var startedUtc = time.GetUtcNow().UtcDateTime;
        await lifetime.WhenSettledAsync(stoppingToken);
        long? seen = null;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                seen ??= await LastRowBeforeAsync(db, startedUtc, stoppingToken);
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

    // Both lookups are index ranges (the timestamp index, the primary key), however long the audit trail is.
    internal static async Task<long> LastRowBeforeAsync(PortalDbContext db, DateTime startedUtc, CancellationToken ct) =>
        await db.AuditEntries.Where(e => e.TimestampUtc >= startedUtc).MinAsync(e => (long?)e.Id, ct) - 1
        ?? await db.AuditEntries.MaxAsync(e => (long?)e.Id, ct)
        ?? 0;
}
