using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Portal.Features.Staff;

namespace Portal.Data;

/// <summary>
/// The portal's one database. Each provider has a subclass that owns its migrations
/// (EF Core docs, "Migrations with multiple providers"); code always talks to this base type.
/// </summary>
public class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Features.Audit.AuditEntry> AuditEntries => Set<Features.Audit.AuditEntry>();

    // The portal's pooled factories add the interceptor themselves (a pooled context's options may not change here);
    // this keeps any other context (design time, tests' own options) append-only too.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(Features.Audit.AppendOnlyAuditInterceptor.Instance) != true)
        {
            optionsBuilder.AddInterceptors(Features.Audit.AppendOnlyAuditInterceptor.Instance);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly,
            type => type.Namespace?.StartsWith("Portal.", StringComparison.Ordinal) == true);
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

public sealed class NpgsqlPortalDbContext(DbContextOptions<NpgsqlPortalDbContext> options) : PortalDbContext(options);
