using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Common;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Localization;

namespace Portal.Features.Invitations;

public sealed record InvitationJobItemsPage(IReadOnlyList<InvitationItem> Items, int TotalCount);

/// <summary>
/// Jobs as a whole, for the Invitations page and the integration API alike: start (written before anything is sent),
/// read, resume, retry the failed addresses, export. Sending itself is <see cref="InvitationProcessor"/>'s business.
/// </summary>
public sealed class InvitationJobService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AuditWriter audit,
    InvitationSignals signals,
    IOptions<InvitationOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Writes the job and one item per distinct valid address in one transaction, then wakes the processor.
    /// Invalid addresses and computers are refused here too: the API will not go through the preview.
    /// </summary>
    public async Task<Guid> StartAsync(IReadOnlyList<RemotePc.InvitationRequest> rows, AuditActor actor, CancellationToken ct = default)
    {
        var limits = options.Value;
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var email = InvitationInputParser.Normalize(row.Email);
            if (!EmailAddressRule.IsValid(email))
            {
                throw new ArgumentException($"Not a valid email address at position {distinct.Count + 1}.", nameof(rows));
            }
            if (row.AllottedComputers < 0 || row.AllottedComputers > limits.MaxComputers)
            {
                throw new ArgumentException($"Computers out of range for {email}.", nameof(rows));
            }
            distinct.TryAdd(email, row.AllottedComputers);
        }
        if (distinct.Count == 0)
        {
            throw new ArgumentException("No addresses to invite.", nameof(rows));
        }
        if (distinct.Count > limits.MaxRows)
        {
            throw new ArgumentException($"More than {limits.MaxRows} addresses.", nameof(rows));
        }

        var job = new InvitationJob
        {
            Id = Guid.CreateVersion7(),
            CreatedBy = actor.Name,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            Status = InvitationJobStatus.Pending,
            Total = distinct.Count,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Set<InvitationJob>().Add(job);
            var index = 0;
            foreach (var (email, computers) in distinct)
            {
                db.Set<InvitationItem>().Add(new InvitationItem
                {
                    JobId = job.Id,
                    Email = email,
                    Computers = computers,
                    BatchNumber = index++ / limits.BatchSize,
                    State = InvitationItemState.Pending,
                });
            }
            // One SaveChanges is one transaction: the job exists with all its addresses, or not at all.
            await db.SaveChangesAsync(ct);
        }
        await audit.WriteAsync(actor, AuditActions.InvitationJobCreated, job.Id.ToString(), AuditOutcome.Success,
            $"{job.Total} addresses", ct);
        signals.NotifyWork();
        return job.Id;
    }

    public async Task<InvitationJob?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<InvitationJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
    }

    public async Task<IReadOnlyList<InvitationJob>> ListAsync(int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<InvitationJob>().AsNoTracking().OrderByDescending(j => j.CreatedUtc).Take(take).ToListAsync(ct);
    }

    public async Task<InvitationJobItemsPage> GetItemsAsync(Guid id, InvitationItemState? state, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<InvitationItem>().AsNoTracking().Where(i => i.JobId == id);
        if (state is { } s)
        {
            query = query.Where(i => i.State == s);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(i => i.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return new InvitationJobItemsPage(items, total);
    }

    /// <summary>Puts the failed addresses back in the queue, in new batches after the existing ones. Returns how many.</summary>
    public async Task<int> RetryFailedAsync(Guid id, CancellationToken ct = default)
    {
        var batchSize = options.Value.BatchSize;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var job = await db.Set<InvitationJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return 0;
        }
        var failed = await db.Set<InvitationItem>().Where(i => i.JobId == id && i.State == InvitationItemState.Failed).OrderBy(i => i.Id).ToListAsync(ct);
        if (failed.Count == 0)
        {
            return 0;
        }
        var nextBatch = await db.Set<InvitationItem>().Where(i => i.JobId == id).MaxAsync(i => i.BatchNumber, ct) + 1;
        for (var i = 0; i < failed.Count; i++)
        {
            failed[i].State = InvitationItemState.Pending;
            failed[i].BatchNumber = nextBatch + i / batchSize;
            failed[i].FailureReason = null;
        }
        job.Failed -= failed.Count;
        job.FinishedUtc = null;
        if (job.Status == InvitationJobStatus.Completed)
        {
            job.Status = InvitationJobStatus.Pending;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.NotifyWork();
        signals.NotifyChanged(id);
        return failed.Count;
    }

    /// <summary>Staff say the cause is fixed: the job goes back in the queue (it pauses again if it was not).</summary>
    public async Task<bool> ResumeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resumed = await db.Set<InvitationJob>()
            .Where(j => j.Id == id && j.Status == InvitationJobStatus.Paused)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, InvitationJobStatus.Pending)
                .SetProperty(j => j.PauseReason, (string?)null)
                .SetProperty(j => j.PausedUtc, (DateTime?)null), ct);
        if (resumed > 0)
        {
            signals.NotifyWork();
            signals.NotifyChanged(id);
        }
        return resumed > 0;
    }

    /// <summary>Every address with its result, neutralised against formula injection.</summary>
    public async Task ExportCsvAsync(Guid id, TextWriter writer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var csv = SafeCsv.CreateWriter(writer);
        // For the staff member who started the job: headings and reasons in their language; the result and RemotePC's
        // status stay codes (what support searches for), dates ISO and numbers plain.
        csv.WriteHeader([Text.Get("Email"), Text.Get("Computers"), Text.Get("Result"), Text.Get("Reason"), Text.Get("RemotePC status"), Text.Get("Attempts"),
            Text.Get("Last attempt (UTC)"), Text.Get("Possibly invited by an earlier attempt")]);
        await foreach (var item in db.Set<InvitationItem>().AsNoTracking().Where(i => i.JobId == id).OrderBy(i => i.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(item.Email);
            csv.WriteField(item.Computers.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(StateText(item.State));
            csv.WriteField(item.FailureReason is null ? "" : Text.Get(item.FailureReason));
            csv.WriteField(item.RawStatus ?? "");
            csv.WriteField(item.Attempts.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(item.LastAttemptUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(item.AlreadyInvitedAfterUnknownOutcome ? "true" : "false");
            await csv.EndRecordAsync();
        }
        await csv.FlushAsync();
    }

    public static string StateText(InvitationItemState state) => state switch
    {
        InvitationItemState.Invited => "INVITED",
        InvitationItemState.Exists => "EXISTS",
        InvitationItemState.AlreadyInvited => "ALREADY_INVITED",
        InvitationItemState.Failed => "FAILED",
        _ => "PENDING",
    };
}

/// <summary>In-process wake-ups: the processor sleeps until told there is work (or its poll interval passes); pages hear of progress.</summary>
public sealed class InvitationSignals
{
    private readonly SemaphoreSlim _work = new(0, 1);

    /// <summary>Raised after a job's results change on this instance. Handlers must marshal to their own context.</summary>
    public event Action<Guid>? Changed;

    public void NotifyWork()
    {
        try
        {
            _work.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    public void NotifyChanged(Guid jobId) => Changed?.Invoke(jobId);

    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => _work.WaitAsync(timeout, ct);
}
