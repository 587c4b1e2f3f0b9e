using Npgsql;

namespace Portal.Data;

/// <summary>
/// Serialises start-up migrations of several instances on one PostgreSQL database with a session advisory lock.
/// EF Core's own migration lock on PostgreSQL lives inside each migration's transaction and is released at its commit; an
/// instance that decided which migrations to apply before another one finished then applies them again ("relation already
/// exists", proven by ConcurrentMigrationTests). Holding one lock across the whole MigrateAsync makes the next instance
/// read the history only after the first is done. SQLite needs nothing: its lock row is held for the whole run.
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit number; only other users of advisory locks on the same database could collide with it.
    private const long Key = 0x5265_7365_6C6C_6572; // "Reseller"

    private readonly NpgsqlConnection _connection;

    private PostgresMigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresMigrationLock> AcquireAsync(string connectionString, CancellationToken ct = default)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            // Waits as long as the other instance migrates; a server-side statement timeout still applies.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A pooled connection keeps its session, and with it a session lock, so unlock explicitly.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
