using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// Several instances deployed together start at the same moment against an empty database. EF Core 9+ serialises
/// Migrate with a database lock (PostgreSQL: a lock on the history table inside the migration transaction; SQLite: a row
/// in __EFMigrationsLock), and the app's first-start steps (roles, bootstrap Admin, sandbox key) tolerate losing a race.
/// </summary>
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Three_instances_starting_at_once_on_an_empty_database_all_come_up_with_the_schema_applied_once()
    {
        using var database = TestDatabase.Shared("migrate");
        var hosts = Enumerable.Range(0, 3).Select(_ => PortalFactory.Create(database: database, ephemeralKeys: false)).ToList();
        try
        {
            using var go = new Barrier(hosts.Count);
            // Each start on its own thread, released together, so the migrations really overlap.
            await Task.WhenAll(hosts.Select(host => Task.Run(() =>
            {
                go.SignalAndWait();
                _ = host.Server;
            })));

            foreach (var host in hosts)
            {
                using var client = host.CreateClient();
                using var ready = await client.GetAsync("/healthz/ready");
                Assert.True(ready.IsSuccessStatusCode, $"an instance is not ready: {(int)ready.StatusCode}");
            }
            await using var db = await hosts[0].Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // One bootstrap Admin and one row per role, whoever won each race.
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(StaffRoles.All.Count, await db.Roles.CountAsync());
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }
}
