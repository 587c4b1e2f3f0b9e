using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>Checklist 24: audit rows are append-only and say who, from where, when (UTC), what, on what, and how it ended.</summary>
public sealed class AuditAppendOnlyTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    private async Task<long> AppendAsync(string action)
    {
        _ = factory.Server;
        var writer = factory.Services.GetRequiredService<AuditWriter>();
        await writer.WriteAsync(new AuditActor("tester@portal.test", AuditActorKind.Staff, "192.0.2.7"), action, "target-1", AuditOutcome.Denied, "detail");
        await using var db = factory.CreateDb();
        return await db.Set<AuditEntry>().Where(e => e.Action == action).Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task Updating_a_tracked_row_throws_and_changes_nothing()
    {
        var action = $"test.update-{Guid.NewGuid():N}"[..40];
        var id = await AppendAsync(action);
        await using (var db = factory.CreateDb())
        {
            var row = await db.Set<AuditEntry>().SingleAsync(e => e.Id == id);
            row.Outcome = AuditOutcome.Success;
            row.Detail = "rewritten";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using var check = factory.CreateDb();
        var stored = await check.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal(AuditOutcome.Denied, stored.Outcome);
        Assert.Equal("detail", stored.Detail);
    }

    [Fact]
    public async Task Deleting_a_tracked_row_throws_and_the_row_stays()
    {
        var action = $"test.delete-{Guid.NewGuid():N}"[..40];
        var id = await AppendAsync(action);
        await using (var db = factory.CreateDb())
        {
            db.Remove(await db.Set<AuditEntry>().SingleAsync(e => e.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = factory.CreateDb())
        {
            // Attached without loading, as a careless caller might: still refused.
            db.Set<AuditEntry>().Remove(new AuditEntry { Id = id });
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        await using var check = factory.CreateDb();
        Assert.True(await check.Set<AuditEntry>().AnyAsync(e => e.Id == id));
    }

    [Fact]
    public async Task Writer_records_actor_address_utc_time_action_target_and_outcome()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var action = $"test.fields-{Guid.NewGuid():N}"[..40];
        var id = await AppendAsync(action);
        var after = DateTime.UtcNow.AddSeconds(1);
        await using var db = factory.CreateDb();
        var row = await db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal("tester@portal.test", row.Actor);
        Assert.Equal(AuditActorKind.Staff, row.ActorKind);
        Assert.Equal("192.0.2.7", row.ClientAddress);
        Assert.Equal(action, row.Action);
        Assert.Equal("target-1", row.Target);
        Assert.Equal(AuditOutcome.Denied, row.Outcome);
        Assert.InRange(row.TimestampUtc, before, after);
    }

    [Fact]
    public async Task A_real_sign_in_is_recorded_with_actor_address_outcome_and_utc_time()
    {
        var email = await factory.CreateStaffAsync("Viewer");
        var before = DateTime.UtcNow.AddSeconds(-1);
        using var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(SecurityFactory.PeerHeader, "198.51.100.24");
        using var response = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, SecurityFactory.Password));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var row = (await factory.AuditAsync()).Last(e => e.Action == AuditActions.StaffSignIn && e.Actor == email);
        Assert.Equal("198.51.100.24", row.ClientAddress);
        Assert.Equal(AuditOutcome.Success, row.Outcome);
        Assert.Equal(AuditActorKind.Staff, row.ActorKind);
        Assert.InRange(row.TimestampUtc, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_real_sign_in_is_recorded_with_the_connection_address_not_a_spoofed_header()
    {
        var email = await factory.CreateStaffAsync("Viewer");
        var before = DateTime.UtcNow.AddSeconds(-1);
        using var client = factory.CreateBrowserLikeClient();
        // The forced peer of this host: the trail must show the connection's address, not a header's.
        client.DefaultRequestHeaders.Add(SecurityFactory.PeerHeader, "198.51.100.23");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99");
        using var response = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, SecurityFactory.Password));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var row = (await factory.AuditAsync()).Last(e => e.Action == AuditActions.StaffSignIn && e.Actor == email);
        Assert.Equal("198.51.100.23", row.ClientAddress);
        Assert.Equal(AuditOutcome.Success, row.Outcome);
        Assert.Equal(AuditActorKind.Staff, row.ActorKind);
        Assert.True(row.TimestampUtc >= before && row.TimestampUtc <= DateTime.UtcNow.AddSeconds(1), $"{row.TimestampUtc:O}");
    }
}
