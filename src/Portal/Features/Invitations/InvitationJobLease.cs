using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Invitations;

/// <summary>
/// Which portal instance sends which invitation job.
///
/// Why a plain database lease and not Quartz.NET: the work is "drain one table", and what must hold across instances is
/// that one job has one sender. A lease is two nullable columns on the job and one conditional UPDATE
/// (<c>WHERE Id = @id AND (LeaseOwner IS NULL OR LeaseExpiresUtc &lt; now OR LeaseOwner = me)</c>), which is atomic on
/// SQLite and PostgreSQL alike. Quartz's ADO.NET store would add a second schema of eleven tables per provider, its own
/// migrations, clustering settings and misfire rules, and it would still not know which addresses of a job are done:
/// that progress has to live in our own rows anyway. A restart needs nothing special either: the items still Pending
/// are the unsent batches, and the lease of a dead instance simply expires.
/// </summary>
public sealed class InvitationJobLease(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<InvitationOptions> options,
    TimeProvider time,
    ILogger<InvitationJobLease> logger)
{
    /// <summary>Who holds a lease: unique per process start, so a restarted instance never mistakes an old lease for its own.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private InvitationOptions Options => options.Value;

    public async Task<Guid?> TryClaimNextAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await Claimable(db.Set<InvitationJob>(), now)
            .OrderBy(j => j.CreatedUtc).Select(j => j.Id).Take(10).ToListAsync(ct);
        foreach (var id in candidates)
        {
            // The conditional UPDATE is the lock: of two instances racing for the same job, one updates one row, the other none.
            var claimed = await Claimable(db.Set<InvitationJob>().Where(j => j.Id == id), now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, InvitationJobStatus.Running)
                    .SetProperty(j => j.LeaseOwner, InstanceId)
                    .SetProperty(j => j.LeaseExpiresUtc, now + Options.LeaseDuration), ct);
            if (claimed == 1)
            {
                return id;
            }
        }
        return null;
    }

    private IQueryable<InvitationJob> Claimable(IQueryable<InvitationJob> jobs, DateTime now) =>
        jobs.Where(j => (j.Status == InvitationJobStatus.Pending || j.Status == InvitationJobStatus.Running)
            && (j.LeaseOwner == null || j.LeaseExpiresUtc < now || j.LeaseOwner == InstanceId));

    public async Task<bool> RenewAsync(Guid jobId, CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + Options.LeaseDuration;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<InvitationJob>().Where(j => j.Id == jobId && j.LeaseOwner == InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresUtc, until), ct) == 1;
    }

    public async Task KeepAsync(Guid jobId, CancellationTokenSource leaseHeld)
    {
        try
        {
            while (!leaseHeld.IsCancellationRequested)
            {
                await Task.Delay(Options.LeaseDuration / 3, time, leaseHeld.Token);
                if (!await RenewAsync(jobId, leaseHeld.Token))
                {
                    await leaseHeld.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended or the host stops.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not renew the lease of invitation job {JobId}", jobId);
        }
    }

    public async Task ReleaseAsync(Guid jobId)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.Set<InvitationJob>().Where(j => j.Id == jobId && j.LeaseOwner == InstanceId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null));
        }
        catch (Exception ex)
        {
            // The lease then expires by itself.
            logger.LogWarning(ex, "Could not release the lease of invitation job {JobId}", jobId);
        }
    }
}
