using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// The background services hold the context factory from the host's start; EF Core's own factory (its options, the
/// compiled model) is built only when the first context is asked for, not on the way to the first page.
/// </summary>
public sealed class PortalDbContextFactoryTests
{
    [Fact]
    public void The_providers_factory_is_resolved_at_the_first_context_and_only_once()
    {
        var resolved = 0;
        using var services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<SqlitePortalDbContext>>(_ =>
            {
                resolved++;
                return new InMemoryFactory();
            })
            .AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>()
            .BuildServiceProvider();

        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        Assert.Equal(0, resolved);

        using (factory.CreateDbContext())
        using (factory.CreateDbContext())
        {
            Assert.Equal(1, resolved);
        }
    }

    private sealed class InMemoryFactory : IDbContextFactory<SqlitePortalDbContext>
    {
        public SqlitePortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);
    }
}
