using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// Gives a new, empty SQLite database the whole schema in one transaction, from the script that
/// <c>dotnet ef migrations script</c> writes for the SQLite migrations (Migrations/Sqlite/FreshDatabase.sql;
/// SqliteFreshDatabaseTests fail when it falls behind them). Migrate builds every migration's SQL at run time, which was
/// about 300 ms of the embedded defaults' 2.3 s first start (bench/Portal.Harness row 7). A database with any table in
/// it goes through Migrate as before.
/// </summary>
internal static class SqliteFreshDatabase
{
    public const string ScriptResource = "Portal.Data.Migrations.Sqlite.FreshDatabase.sql";

    private static readonly Lazy<string> Script = new(LoadScript);

    /// <returns>False, leaving the database untouched, when it already has tables.</returns>
    /// <param name="connection">An open connection (<see cref="PortalConnections"/>): EF Core is not needed here.</param>
    public static async Task<bool> TryCreateAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        // Outside any transaction, as SQLite requires, and before the first write (see MigratePortalDatabaseAsync).
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
        // BEGIN IMMEDIATE takes the write lock before the look, so of several instances starting on one new file, one
        // creates the schema and the others wait, then find the tables and go on to Migrate (which has nothing to do).
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';";
            if (Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }
        await ExecuteAsync(connection, transaction, Script.Value, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    // The script wraps each migration in its own transaction; here the whole of it runs in one.
    private static string LoadScript()
    {
        using var stream = typeof(SqliteFreshDatabase).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The embedded resource {ScriptResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Select(line => line.TrimEnd('\r'))
            .Where(line => line is not ("BEGIN TRANSACTION;" or "COMMIT;"));
        return string.Join('\n', lines);
    }
}
