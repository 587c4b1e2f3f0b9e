using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Audit;

public sealed record AuditActor(string Name, AuditActorKind Kind, string? ClientAddress)
{
    public static readonly AuditActor System = new("system", AuditActorKind.System, null);
}

/// <summary>
/// Appends rows to the audit trail. The only writer: nothing in the app updates or deletes a row.
/// <para>
/// Group commit: every integration API call writes a row, and one INSERT transaction per request (one fsync each on a
/// SQLite file, one round trip on PostgreSQL) was what bounded the API's throughput (bench api-auth). Callers queue
/// their row; one loop takes whatever has queued meanwhile and saves it in one transaction (SaveChanges, or on SQLite a
/// prepared INSERT, see <see cref="SqliteAuditInsert"/>). Each
/// call still returns only once its own row is committed, and a failed commit is thrown to each of its callers.
/// </para>
/// </summary>
public sealed class AuditWriter : IAsyncDisposable
{
    // Bounds one transaction; under load a batch rarely gets near it, since the next one starts as soon as this commits.
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly PortalConnections? _connections;

    // Touched by the write loop only.
    private SqliteAuditInsert? _sqliteInsert;

    /// <param name="connections">On SQLite, batches go through <see cref="SqliteAuditInsert"/>; without it, through EF Core.</param>
    public AuditWriter(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, ILogger<AuditWriter> logger, PortalConnections? connections = null)
    {
        _dbFactory = dbFactory;
        _connections = connections;
        _time = time;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Returns once the row is committed; throws if it could not be. <paramref name="ct"/> is honoured only until the
    /// row is queued: a queued row is written even if its request is cancelled meanwhile (intended: the action it
    /// records may already have happened, and a batch is not undone for one caller).
    /// </summary>
    public Task WriteAsync(AuditActor actor, string action, string? target, AuditOutcome outcome, string? detail = null, CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }
        var entry = new AuditEntry
        {
            TimestampUtc = _time.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor.Name, 256)!,
            ActorKind = actor.Kind,
            ClientAddress = Truncate(actor.ClientAddress, 64),
            Action = action,
            Target = Truncate(target, 320),
            Outcome = outcome,
            Detail = Truncate(detail, 1000),
        };
        // Continuations run off the writer loop, so a slow caller never holds up the next batch.
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new ObjectDisposedException(nameof(AuditWriter), "The audit writer has stopped; the row was not written."));
        }
        return pending.Written.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await SaveAsync(batch).ConfigureAwait(false);
                batch.ForEach(p => p.Written.TrySetResult());
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad row (say, a value PostgreSQL refuses) must not cost the others theirs: each is tried alone.
                _logger.LogWarning(ex, "Could not write a batch of {Count} audit rows; writing them one by one", batch.Count);
                foreach (var pending in batch)
                {
                    await SaveAloneAsync(pending).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                Fail(batch[0], ex);
            }
            batch.Clear();
        }
    }

    private async Task SaveAloneAsync(Pending pending)
    {
        try
        {
            await SaveAsync([pending]).ConfigureAwait(false);
            pending.Written.TrySetResult();
        }
        catch (Exception ex)
        {
            Fail(pending, ex);
        }
    }

    private async Task SaveAsync(List<Pending> batch)
    {
        if (_connections?.Provider == DatabaseProvider.Sqlite)
        {
            SaveOnSqlite(batch);
            return;
        }
        // Not the callers' tokens: a batch serves many requests and is never abandoned for one of them.
        await using var db = await _dbFactory.CreateDbContextAsync().ConfigureAwait(false);
        foreach (var pending in batch)
        {
            // A fresh entity per attempt: a failed SaveChanges may have left a key value on the one tracked before.
            db.Set<AuditEntry>().Add(Copy(pending.Entry));
        }
        await db.SaveChangesAsync().ConfigureAwait(false);
    }

    private void SaveOnSqlite(List<Pending> batch)
    {
        _sqliteInsert ??= new SqliteAuditInsert((SqliteConnection)_connections!.Open());
        try
        {
            _sqliteInsert.Insert(batch.Select(p => p.Entry));
        }
        catch
        {
            // A connection that failed once (file gone, disk full) is not trusted again; the next batch opens a new one.
            _sqliteInsert.Dispose();
            _sqliteInsert = null;
            throw;
        }
    }

    private void Fail(Pending pending, Exception ex)
    {
        // The action already happened; losing its audit row must be loud but must not undo it.
        _logger.LogError(ex, "Could not write audit row {Action} for {Actor}", pending.Entry.Action, pending.Entry.Actor);
        pending.Written.TrySetException(ex);
    }

    /// <summary>Stops taking rows and waits for the queued ones to be written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _sqliteInsert?.Dispose();
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        TimestampUtc = e.TimestampUtc, Actor = e.Actor, ActorKind = e.ActorKind, ClientAddress = e.ClientAddress,
        Action = e.Action, Target = e.Target, Outcome = e.Outcome, Detail = e.Detail,
    };

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Written);
}
