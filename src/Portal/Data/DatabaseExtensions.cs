using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Data.CompiledModels.Sqlite;
using Portal.Features.Audit;

namespace Portal.Data;

public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddPortalDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Pooled: every integration API call opens two contexts (credential check, audit row), and setting one up
        // (its service provider lookups, change tracker, interceptors) is per-call work that pooling skips. The contexts hold no state.
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                builder.Services.AddPooledDbContextFactory<NpgsqlPortalDbContext>(o => o.UseNpgsql(options.ConnectionString)
                    .AddInterceptors(AppendOnlyAuditInterceptor.Instance).SkipPendingModelChangesCheck());
                builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<NpgsqlPortalDbContext>>();
                builder.Services.AddSingleton(new PortalConnections(DatabaseProvider.PostgreSql, options.ConnectionString));
                break;
            default:
                var sqlite = PrepareSqlite(options.ConnectionString, builder.Environment.ContentRootPath);
                // The compiled model (Data/CompiledModels/Sqlite) saves building the model at start; ModelSnapshotTests keeps it current.
                builder.Services.AddPooledDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(sqlite).UseModel(SqlitePortalDbContextModel.Instance)
                    .AddInterceptors(SqliteBusyTimeout.Instance, AppendOnlyAuditInterceptor.Instance).SkipPendingModelChangesCheck());
                builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
                builder.Services.AddSingleton(new PortalConnections(DatabaseProvider.Sqlite, sqlite));
                break;
        }

        // Identity resolves the context from a scope.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Applies migrations; a wrong or unreachable database stops start-up with a message naming the setting.</summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        try
        {
            await using var migrationLock = options.Provider == DatabaseProvider.PostgreSql
                ? await PostgresMigrationLock.AcquireAsync(options.ConnectionString)
                : null;
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // A new install's schema, without EF Core (see PortalConnections).
                await using var connection = await app.Services.GetRequiredService<PortalConnections>().OpenAsync();
                if (await SqliteFreshDatabase.TryCreateAsync((SqliteConnection)connection))
                {
                    return;
                }
            }
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging: a commit is one append and one fsync instead of a rollback journal's several, and
                // readers (every open tab) no longer block the writer. Measured with bench/Portal.Harness row 6, where
                // an invitation job's two commits per batch were most of its time. The mode stays with the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseStartupException(
                $"The portal database could not be opened or migrated. Check the settings Database:Provider ({options.Provider}) " +
                $"and Database:ConnectionString (environment variables Database__Provider, Database__ConnectionString). Cause: {ex.GetBaseException().Message}",
                ex);
        }
    }

    // Migrate would otherwise build the design-time model and diff it against the migrations' snapshot at every start;
    // ModelSnapshotTests asserts "no pending model changes" for both providers at test time instead.
    private static DbContextOptionsBuilder SkipPendingModelChangesCheck(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    // A relative SQLite path is resolved against the content root and its folder created, so `dotnet run` works on a fresh clone.
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(Path.IsPathRooted(source) ? source : Path.Combine(contentRoot, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        return csb.ToString();
    }
}

public sealed class DatabaseStartupException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The provider's pooled factory, resolved at the first context rather than when a service that holds this one is built:
/// the background services are built as the host starts, and EF Core's options and compiled model were then 0.1 s of
/// the main thread's way to the first page (bench/Portal.Harness row 7).
/// </summary>
internal sealed class PortalDbContextFactory<TContext>(IServiceProvider services) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    private readonly Lazy<IDbContextFactory<TContext>> _inner = new(services.GetRequiredService<IDbContextFactory<TContext>>);

    public PortalDbContext CreateDbContext() => _inner.Value.CreateDbContext();
}
