using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// A new SQLite database gets its schema from a committed script rather than from Migrate (SqliteFreshDatabase). These
/// tests keep the script equal to what the migrations generate, and the result equal to what Migrate builds.
/// </summary>
public sealed class SqliteFreshDatabaseTests : IDisposable
{
    private const string ScriptPath = "src/Portal/Data/Migrations/Sqlite/FreshDatabase.sql";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fresh-sqlite-");

    [Fact]
    public void The_committed_script_is_what_dotnet_ef_migrations_script_generates_now()
    {
        using var db = Context(Path.Combine(_folder.FullName, "unused.db"));
        var generated = db.GetService<IMigrator>().GenerateScript();

        var committed = File.ReadAllText(Path.Combine(Repository.Root, ScriptPath));
        Assert.True(Normalize(committed) == Normalize(generated),
            $"{ScriptPath} is not what the SQLite migrations generate: regenerate it with " +
            $"`dotnet ef migrations script --context SqlitePortalDbContext -o {ScriptPath}` (see README, Migrations).");
    }

    [Fact]
    public async Task A_new_database_from_the_script_has_the_schema_roles_and_history_that_Migrate_gives()
    {
        var scripted = Path.Combine(_folder.FullName, "scripted.db");
        var migrated = Path.Combine(_folder.FullName, "migrated.db");
        await using (var connection = await OpenAsync(scripted))
        {
            Assert.True(await SqliteFreshDatabase.TryCreateAsync(connection));
        }
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync();
        }

        Assert.Equal(await DescribeAsync(migrated), await DescribeAsync(scripted));
        await using (var db = Context(scripted))
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(StaffRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
            // A later start goes through Migrate, which finds nothing to do.
            await db.Database.MigrateAsync();
        }
        Assert.Equal("wal", await ScalarAsync(scripted, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_database_that_has_tables_is_left_to_Migrate()
    {
        var path = Path.Combine(_folder.FullName, "existing.db");
        await ScalarAsync(path, "CREATE TABLE \"Other\" (\"Id\" INTEGER PRIMARY KEY);");

        await using (var connection = await OpenAsync(path))
        {
            Assert.False(await SqliteFreshDatabase.TryCreateAsync(connection));
        }
        Assert.Equal("Other", await ScalarAsync(path, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table';"));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static SqlitePortalDbContext Context(string path) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);

    // Every table, index and trigger with its SQL, then the roles and the applied migrations. EF's migration lock table
    // is Migrate's own bookkeeping and comes with the first Migrate.
    private static async Task<string> DescribeAsync(string path) =>
        await ScalarAsync(path, """
            SELECT group_concat(line, char(10)) FROM (
              SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS line FROM sqlite_master
              WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> '__EFMigrationsLock'
              UNION ALL SELECT 'role ' || Name || ' ' || NormalizedName FROM AspNetRoles
              UNION ALL SELECT 'migration ' || MigrationId FROM __EFMigrationsHistory
              ORDER BY line);
            """);

    private static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static string Normalize(string script) =>
        script.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Trim();
}
