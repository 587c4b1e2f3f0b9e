using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Audit;

/// <summary>The writer's group commit: concurrent rows share a transaction, yet each call answers for its own row.</summary>
public sealed class AuditWriterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly AuditActor Actor = new("writer@portal.test", AuditActorKind.Staff, "192.0.2.9");

    private async Task<List<AuditEntry>> RowsAsync(string tag)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Target!.StartsWith(tag)).ToListAsync();
    }

    [Fact]
    public async Task Many_concurrent_writes_all_land_each_exactly_once()
    {
        var writer = factory.Services.GetRequiredService<AuditWriter>();
        var tag = $"gc-{Guid.NewGuid():N}"[..16];
        // Queued without waiting, so most of them share batches.
        var writes = Enumerable.Range(0, 300).Select(i => writer.WriteAsync(Actor, AuditActions.UserListRead, $"{tag}-{i:D3}", AuditOutcome.Success)).ToList();
        // And some from other threads while those are being written.
        writes.AddRange(Enumerable.Range(300, 100).Select(i =>
            Task.Run(() => writer.WriteAsync(Actor, AuditActions.UserListRead, $"{tag}-{i:D3}", AuditOutcome.Success))));
        await Task.WhenAll(writes);

        var targets = (await RowsAsync(tag)).Select(e => e.Target).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 400).Select(i => $"{tag}-{i:D3}"), targets);
    }

    [Fact]
    public async Task A_row_reads_back_through_EF_Core_exactly_as_it_was_written()
    {
        // On SQLite the writer inserts with its own prepared statement, not SaveChanges: its text for times and enums
        // must be what EF Core reads (and what the audit page filters and sorts by).
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(4560)); // whole microseconds, as PostgreSQL keeps them
        await using var writer = new AuditWriter(factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), time,
            NullLogger<AuditWriter>.Instance, factory.Services.GetRequiredService<PortalConnections>());
        var tag = $"rb-{Guid.NewGuid():N}"[..16];
        var actor = new AuditActor("api-key-ü", AuditActorKind.ApiUser, "2001:db8::7");

        await writer.WriteAsync(actor, AuditActions.UserListRead, tag + "-a", AuditOutcome.Denied, "detail ü");
        await writer.WriteAsync(AuditActor.System, AuditActions.UserListRead, tag + "-b", AuditOutcome.Failure);

        var rows = (await RowsAsync(tag)).OrderBy(e => e.Target, StringComparer.Ordinal).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal((time.GetUtcNow().UtcDateTime, "api-key-ü", AuditActorKind.ApiUser, "2001:db8::7", AuditActions.UserListRead, AuditOutcome.Denied, "detail ü"),
            (rows[0].TimestampUtc, rows[0].Actor, rows[0].ActorKind, rows[0].ClientAddress, rows[0].Action, rows[0].Outcome, rows[0].Detail));
        Assert.Equal(("system", AuditActorKind.System, null, AuditOutcome.Failure, null), (rows[1].Actor, rows[1].ActorKind, rows[1].ClientAddress, rows[1].Outcome, rows[1].Detail));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        // Compared in SQL, as the audit page's date filters do: on SQLite that compares the stored text with EF's own.
        var at = time.GetUtcNow().UtcDateTime;
        Assert.Equal(2, await db.Set<AuditEntry>().CountAsync(e => e.Target!.StartsWith(tag) && e.TimestampUtc >= at && e.TimestampUtc <= at));
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_its_own_call_and_the_rest_of_its_batch_still_lands()
    {
        var writer = factory.Services.GetRequiredService<AuditWriter>();
        var tag = $"gb-{Guid.NewGuid():N}"[..16];
        // A null actor breaks the column's NOT NULL on both providers: a row the database itself refuses.
        var nameless = new AuditActor(null!, AuditActorKind.Staff, null);
        var writes = Enumerable.Range(0, 40)
            .Select(i => (Index: i, Task: writer.WriteAsync(i % 10 == 5 ? nameless : Actor, AuditActions.UserListRead, $"{tag}-{i:D2}", AuditOutcome.Success)))
            .ToList();

        foreach (var (index, task) in writes)
        {
            if (index % 10 == 5)
            {
                await Assert.ThrowsAsync<DbUpdateException>(() => task);
            }
            else
            {
                await task;
            }
        }
        var targets = (await RowsAsync(tag)).Select(e => e.Target).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 10 != 5).Select(i => $"{tag}-{i:D2}"), targets);
    }

    [Fact]
    public async Task A_failed_commit_is_thrown_to_every_caller_of_the_batch()
    {
        await using var writer = new AuditWriter(new UnreachableDatabase(), TimeProvider.System, NullLogger<AuditWriter>.Instance);
        var writes = Enumerable.Range(0, 20).Select(i => writer.WriteAsync(Actor, AuditActions.UserListRead, $"t{i}", AuditOutcome.Success)).ToList();

        foreach (var write in writes)
        {
            var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => write);
            Assert.Equal(UnreachableDatabase.Message, thrown.Message);
        }
    }

    [Fact]
    public async Task After_disposal_a_write_fails_instead_of_being_dropped()
    {
        var writer = new AuditWriter(new UnreachableDatabase(), TimeProvider.System, NullLogger<AuditWriter>.Instance);
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(Actor, AuditActions.UserListRead, null, AuditOutcome.Success));
    }

    private sealed class UnreachableDatabase : IDbContextFactory<PortalDbContext>
    {
        public const string Message = "The database is unreachable (test).";

        public PortalDbContext CreateDbContext() => throw new InvalidOperationException(Message);
    }
}
