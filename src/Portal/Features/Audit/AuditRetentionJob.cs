using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Features.Audit;

/// <summary>The one place that removes audit rows: those past the configured retention, once a day.</summary>
internal sealed class AuditRetentionJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<AuditOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AuditRetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays == 0)
        {
            return;
        }
        await lifetime.WhenSettledAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            var deleted = await PurgeAsync(stoppingToken);
            if (deleted > 0)
            {
                logger.LogInformation("Audit retention removed {Count} rows older than {Days} days", deleted, options.Value.RetentionDays);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Where(e => e.TimestampUtc < cutoff).ExecuteDeleteAsync(ct);
    }
}
