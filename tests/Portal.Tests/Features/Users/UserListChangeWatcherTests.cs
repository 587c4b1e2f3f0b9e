using Portal.Features.Audit;
using Portal.Features.Users;
using Portal.Tests.Security;

namespace Portal.Tests.Features.Users;

/// <summary>
/// The watcher's first look comes once the portal has settled, seconds after the start. Rows stamped since the start
/// must still count as new then: an add made elsewhere in those seconds would otherwise be taken as already seen.
/// </summary>
public sealed class UserListChangeWatcherTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    // Far ahead of anything the host writes itself, so only these rows are at or after the start below.
    private static readonly DateTime Start = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_first_look_takes_rows_stamped_since_the_start_as_new_and_older_ones_as_seen()
    {
        _ = factory.Server;
        var before = await AppendAsync(Start.AddSeconds(-1));
        var atStart = await AppendAsync(Start);
        var after = await AppendAsync(Start.AddSeconds(1));

        await using var db = factory.CreateDb();
        var seen = await UserListChangeWatcher.LastRowBeforeAsync(db, Start, CancellationToken.None);

        Assert.Equal(atStart - 1, seen);
        Assert.True(before <= seen && after > seen);
    }

    [Fact]
    public async Task With_nothing_stamped_since_the_start_every_row_is_seen()
    {
        _ = factory.Server;
        var last = await AppendAsync(Start.AddDays(-1));

        await using var db = factory.CreateDb();
        var seen = await UserListChangeWatcher.LastRowBeforeAsync(db, Start.AddYears(50), CancellationToken.None);

        Assert.True(seen >= last);
        Assert.Equal(await MaxIdAsync(), seen);
    }

    private async Task<long> AppendAsync(DateTime stampedUtc)
    {
        await using var db = factory.CreateDb();
        var row = new AuditEntry
        {
            TimestampUtc = stampedUtc, Actor = "other-instance@portal.test", ActorKind = AuditActorKind.Staff,
            Action = AuditActions.UserAdded, Target = "someone@customer.example", Outcome = AuditOutcome.Success,
        };
        db.AuditEntries.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<long> MaxIdAsync()
    {
        await using var db = factory.CreateDb();
        return db.AuditEntries.Max(e => e.Id);
    }
}
