using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

// Used only by `dotnet ef migrations add`: one factory per provider so each gets its own migrations folder.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlPortalDbContext>
{
    public NpgsqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NpgsqlPortalDbContext>().UseNpgsql("Host=localhost;Database=portal_design").Options);
}
