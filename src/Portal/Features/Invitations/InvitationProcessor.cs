using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Settings;
using Portal.Hosting;
using RemotePc;

namespace Portal.Features.Invitations;

/// <summary>
/// Sends the queued invitation jobs in the background, not tied to any browser. Which instance sends which job is
/// decided by <see cref="InvitationJobLease"/>.
/// </summary>
public sealed class InvitationProcessor(
    IServiceScopeFactory scopes,
    InvitationJobLease lease,
    IDbContextFactory<PortalDbContext> dbFactory,
    InvitationSignals signals,
    IOptions<InvitationOptions> options,
    IRemotePcKeyStore keys,
    AuditWriter audit,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<InvitationProcessor> logger) : BackgroundService
{
    public const string NoAnswerForAddress = "RemotePC's answer did not mention this address.";
    public const string RefusedAddress = "RemotePC refused this address.";

    /// <summary>How often a running job's counts are brought up to date for the pages watching it.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private InvitationOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Jobs left by a stopped instance, or queued by another one, are taken up once the portal has settled: begun at
        // the start, the look for them (several queries compiled) took a core from the first pages (bench/Portal.Harness
        // row 7). A job queued here before then starts at once.
        await WhenSettledOrWorkAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ResumeProbedJobsAsync(stoppingToken);
                while (await lease.TryClaimNextAsync(stoppingToken) is { } jobId)
                {
                    await ProcessAsync(jobId, stoppingToken);
                }
                await signals.WaitForWorkAsync(Options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A database hiccup must not stop the sender for good; the lease keeps the job ours meanwhile.
                logger.LogError(ex, "Invitation processing failed; trying again after the poll interval");
                try
                {
                    await Task.Delay(Options.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task WhenSettledOrWorkAsync(CancellationToken stoppingToken)
    {
        // The host reports itself started only after the start-up work (Hosting/StartupWork.cs): the database is migrated.
        await lifetime.WhenStartedAsync(stoppingToken);
        using var settledOrWork = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var work = signals.WaitForWorkAsync(Timeout.InfiniteTimeSpan, settledOrWork.Token);
        await Task.WhenAny(lifetime.WhenSettledAsync(settledOrWork.Token), work);
        // A wait still pending would otherwise take the next wake-up meant for the loop.
        await settledOrWork.CancelAsync();
    }

    private async Task ProcessAsync(Guid jobId, CancellationToken stoppingToken)
    {
        using var leaseHeld = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = lease.KeepAsync(jobId, leaseHeld);
        try
        {
            // The claim has just set the lease; each later pass renews it first, and so learns whether it is still ours.
            for (var pass = 0; ; pass++)
            {
                if (pass > 0 && !await lease.RenewAsync(jobId, leaseHeld.Token))
                {
                    logger.LogWarning("Lost the lease of invitation job {JobId}; another instance carries on", jobId);
                    return;
                }
                List<int> batches;
                await using (var db = await dbFactory.CreateDbContextAsync(leaseHeld.Token))
                {
                    batches = await db.Set<InvitationItem>()
                        .Where(i => i.JobId == jobId && i.State == InvitationItemState.Pending)
                        .Select(i => i.BatchNumber).Distinct().OrderBy(b => b)
                        .ToListAsync(leaseHeld.Token);
                }
                if (batches.Count == 0)
                {
                    if (await CompleteAsync(jobId, leaseHeld.Token))
                    {
                        return;
                    }
                    continue;
                }
                var problem = await SendAllAsync(jobId, batches, leaseHeld.Token);
                if (problem != UpstreamProblem.None)
                {
                    await RecountAsync(jobId, leaseHeld.Token);
                    signals.NotifyChanged(jobId);
                    await PauseAsync(jobId, problem, leaseHeld.Token);
                    return;
                }
                // No recount here: the next pass either completes the job, which recounts, or sends addresses queued
                // meanwhile, whose progress is recounted on the timer.
            }
        }
        catch (OperationCanceledException) when (leaseHeld.IsCancellationRequested)
        {
            // Shutting down (or the lease is gone): whatever was in flight stays Pending with SendInFlight set,
            // so the next holder resends it and records that the earlier outcome was unknown.
        }
        finally
        {
            await leaseHeld.CancelAsync();
            await renewal;
            await lease.ReleaseAsync(jobId);
        }
    }

    /// <summary>
    /// Keeps MaxConcurrentBatches batches on the wire, and as many again read and marked in flight, ready to go: a wire
    /// slot that frees up is taken at once, while the database work of the batches (marking, saving results) runs beside
    /// the sends instead of between them. Lock-step waves (send two, save, recount, repeat) ran at under a third of the
    /// ideal rate with 50 ms of latency (bench/Portal.Harness row 6). One ready batch was not enough: calls sent together
    /// come back together, and the second free slot waited for a batch to be read and marked. The job's progress is
    /// recounted on a timer. After a problem that pauses the job, no further batch starts; the ones in flight finish.
    /// </summary>
    private async Task<UpstreamProblem> SendAllAsync(Guid jobId, IReadOnlyList<int> batches, CancellationToken ct)
    {
        var writes = new SemaphoreSlim(1, 1);
        var wire = new SemaphoreSlim(Options.MaxConcurrentBatches, Options.MaxConcurrentBatches);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = ReportProgressAsync(jobId, sending.Token);
        // On the wire, plus as many read and marked, waiting for a wire slot.
        var maxStarted = 2 * Options.MaxConcurrentBatches;
        var inFlight = new List<Task<UpstreamProblem>>(maxStarted);
        var problem = UpstreamProblem.None;
        try
        {
            foreach (var batch in batches)
            {
                if (inFlight.Count == maxStarted)
                {
                    var done = await Task.WhenAny(inFlight);
                    inFlight.Remove(done);
                    problem = await done;
                }
                if (problem != UpstreamProblem.None)
                {
                    break;
                }
                inFlight.Add(SendBatchAsync(jobId, batch, new BatchGates(writes, wire), ct));
            }
            foreach (var outcome in await Task.WhenAll(inFlight))
            {
                problem = problem == UpstreamProblem.None ? outcome : problem;
            }
            return problem;
        }
        finally
        {
            await sending.CancelAsync();
            await progress;
            writes.Dispose();
            wire.Dispose();
        }
    }

    private async Task ReportProgressAsync(Guid jobId, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(ProgressInterval, time, ct);
                await RecountAsync(jobId, ct);
                signals.NotifyChanged(jobId);
            }
        }
        catch (OperationCanceledException)
        {
            // The sends ended; the caller recounts once more.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not update the progress of invitation job {JobId}", jobId);
        }
    }

    /// <summary>One batch: up to MaxAttempts calls with exponential backoff; the result of each address is saved as soon as it is known.</summary>
    /// <returns>None, or the problem that pauses the job (key missing or rejected, address not whitelisted).</returns>
    private async Task<UpstreamProblem> SendBatchAsync(Guid jobId, int batchNumber, BatchGates gates, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.Set<InvitationItem>()
            .Where(i => i.JobId == jobId && i.BatchNumber == batchNumber && i.State == InvitationItemState.Pending)
            .OrderBy(i => i.Id).ToListAsync(ct);
        if (items.Count == 0)
        {
            return UpstreamProblem.None;
        }
        foreach (var item in items.Where(i => i.SendInFlight))
        {
            // A previous holder died (or stopped) while this batch was on the wire.
            item.EarlierOutcomeUnknown = true;
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var item in items)
            {
                item.Attempts++;
                item.LastAttemptUtc = now;
                item.SendInFlight = true;
            }
            await SaveAsync(db, gates.Writes, ct);

            UpstreamProblem problem;
            var outcomeUnknown = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var client = scope.ServiceProvider.GetRequiredService<IRemotePcClient>();
                IReadOnlyList<InvitationResult> results;
                await gates.Wire.WaitAsync(ct);
                try
                {
                    results = await client.InviteAsync(items.Select(i => new InvitationRequest(i.Email, i.Computers)).ToList(), ct);
                }
                finally
                {
                    // The next batch goes on the wire while this one's results are saved.
                    gates.Wire.Release();
                }
                Apply(items, results);
                await SaveAsync(db, gates.Writes, CancellationToken.None);
                return UpstreamProblem.None;
            }
            catch (RemotePcException ex)
            {
                problem = UpstreamProblems.Classify(ex);
                outcomeUnknown = ex is RemotePcTransportException { OutcomeUnknown: true } or RemotePcResponseFormatException;
                logger.LogWarning("Invitation batch {Batch} of job {JobId}, attempt {Attempt}: {Problem}", batchNumber, jobId, attempt, problem);
            }

            foreach (var item in items)
            {
                item.SendInFlight = false;
                item.EarlierOutcomeUnknown |= outcomeUnknown;
            }
            switch (problem)
            {
                case UpstreamProblem.NoKey or UpstreamProblem.KeyRejected or UpstreamProblem.NotWhitelisted:
                    // Nothing was done upstream; the addresses wait in the queue until the cause is fixed.
                    await SaveAsync(db, gates.Writes, CancellationToken.None);
                    return problem;
                case UpstreamProblem.UpstreamFailing or UpstreamProblem.Timeout or UpstreamProblem.Unreachable or UpstreamProblem.BadResponse
                    when attempt < Options.MaxAttempts:
                    await SaveAsync(db, gates.Writes, CancellationToken.None);
                    await Task.Delay(Backoff(attempt), time, ct);
                    continue;
                default:
                    // Out of attempts, or refused outright (400): each address ends failed with the reason.
                    foreach (var item in items)
                    {
                        item.State = InvitationItemState.Failed;
                        item.FailureReason = UpstreamProblems.Explain(problem);
                    }
                    await SaveAsync(db, gates.Writes, CancellationToken.None);
                    return UpstreamProblem.None;
            }
        }
    }

    /// <param name="Writes">
    /// One writer at a time among this job's batches: on SQLite two write transactions meeting make one of them wait
    /// for the other's commit anyway, and without a busy timeout in Microsoft.Data.Sqlite's 150 ms retry sleep.
    /// </param>
    /// <param name="Wire">The batches of this job on the wire at once: MaxConcurrentBatches.</param>
    private sealed record BatchGates(SemaphoreSlim Writes, SemaphoreSlim Wire);

    private static async Task SaveAsync(PortalDbContext db, SemaphoreSlim writes, CancellationToken ct)
    {
        await writes.WaitAsync(CancellationToken.None);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            writes.Release();
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseDelay = Options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        return baseDelay + baseDelay * (Random.Shared.NextDouble() * 0.2);
    }

    internal static void Apply(IReadOnlyList<InvitationItem> items, IReadOnlyList<InvitationResult> results)
    {
        var byEmail = new Dictionary<string, InvitationResult>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            byEmail.TryAdd(InvitationInputParser.Normalize(result.Username), result);
        }
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            item.SendInFlight = false;
            // Matched by address; by position only when RemotePC echoed something else but answered one per request.
            if (!byEmail.TryGetValue(item.Email, out var result) && !(results.Count == items.Count && (result = results[i]) is not null))
            {
                item.State = InvitationItemState.Failed;
                item.FailureReason = NoAnswerForAddress;
                item.EarlierOutcomeUnknown = true;
                continue;
            }
            item.RawStatus = result.RawStatus.Length > 64 ? result.RawStatus[..64] : result.RawStatus;
            item.State = result.Status switch
            {
                InvitationStatus.Invited => InvitationItemState.Invited,
                InvitationStatus.Exists => InvitationItemState.Exists,
                InvitationStatus.AlreadyInvited => InvitationItemState.AlreadyInvited,
                _ => InvitationItemState.Failed,
            };
            item.FailureReason = item.State == InvitationItemState.Failed ? RefusedAddress : null;
            item.AlreadyInvitedAfterUnknownOutcome = item.State == InvitationItemState.AlreadyInvited && item.EarlierOutcomeUnknown;
        }
    }

    private async Task RecountAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Set<InvitationItem>().Where(i => i.JobId == jobId)
            .GroupBy(i => i.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(InvitationItemState state) => counts.FirstOrDefault(c => c.State == state)?.Count ?? 0;
        int invited = Count(InvitationItemState.Invited), exists = Count(InvitationItemState.Exists),
            already = Count(InvitationItemState.AlreadyInvited), failed = Count(InvitationItemState.Failed);
        await db.Set<InvitationJob>().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Invited, invited)
            .SetProperty(j => j.Exists, exists)
            .SetProperty(j => j.AlreadyInvited, already)
            .SetProperty(j => j.Failed, failed), ct);
    }

    private async Task<bool> CompleteAsync(Guid jobId, CancellationToken ct)
    {
        await RecountAsync(jobId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Conditional: a "retry failed" that just queued addresses again keeps the job open.
        var completed = await db.Set<InvitationJob>()
            .Where(j => j.Id == jobId && j.LeaseOwner == lease.InstanceId
                && !db.Set<InvitationItem>().Any(i => i.JobId == jobId && i.State == InvitationItemState.Pending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, InvitationJobStatus.Completed)
                .SetProperty(j => j.FinishedUtc, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null), ct);
        if (completed == 0)
        {
            return false;
        }
        var job = await db.Set<InvitationJob>().AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
        await audit.WriteAsync(AuditActor.System, AuditActions.InvitationJobFinished, jobId.ToString(),
            job.Failed == 0 ? AuditOutcome.Success : AuditOutcome.Failure,
            $"invited {job.Invited}, exists {job.Exists}, already invited {job.AlreadyInvited}, failed {job.Failed} of {job.Total}", ct);
        signals.NotifyChanged(jobId);
        return true;
    }

    private async Task PauseAsync(Guid jobId, UpstreamProblem problem, CancellationToken ct)
    {
        var key = await keys.GetKeyAsync(ct);
        var fingerprint = key is null ? null : ResellerKeyStore.Fingerprint(key);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<InvitationJob>().Where(j => j.Id == jobId && j.LeaseOwner == lease.InstanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, InvitationJobStatus.Paused)
                .SetProperty(j => j.PauseReason, UpstreamProblems.Explain(problem))
                .SetProperty(j => j.PausedUtc, now)
                .SetProperty(j => j.PausedKeyFingerprint, fingerprint)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null), ct);
        logger.LogWarning("Invitation job {JobId} paused: {Problem}", jobId, problem);
        signals.NotifyChanged(jobId);
    }

    /// <summary>
    /// A paused job goes back in the queue when the stored key changed since it paused, or every PausedProbeInterval:
    /// its next batch is the probe (a rejected call invites nobody), and it pauses again if the cause is still there.
    /// </summary>
    private async Task ResumeProbedJobsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var paused = await db.Set<InvitationJob>().AsNoTracking().Where(j => j.Status == InvitationJobStatus.Paused)
            .Select(j => new { j.Id, j.PausedUtc, j.PausedKeyFingerprint }).ToListAsync(ct);
        if (paused.Count == 0)
        {
            return;
        }
        var key = await keys.GetKeyAsync(ct);
        var fingerprint = key is null ? null : ResellerKeyStore.Fingerprint(key);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var job in paused)
        {
            var keyChanged = fingerprint is not null && fingerprint != job.PausedKeyFingerprint;
            var probeDue = job.PausedUtc is null || now - job.PausedUtc >= Options.PausedProbeInterval;
            if (!keyChanged && !probeDue)
            {
                continue;
            }
            await db.Set<InvitationJob>().Where(j => j.Id == job.Id && j.Status == InvitationJobStatus.Paused)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, InvitationJobStatus.Pending)
                    .SetProperty(j => j.PauseReason, (string?)null)
                    .SetProperty(j => j.PausedUtc, (DateTime?)null), ct);
        }
    }
}
