using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Portal.Data;

namespace Portal.Features.ApiUsers;

/// <summary>
/// The apikey row lookup that runs on every integration call. Read fresh every time, never cached: several instances
/// share the database, and a deletion on one is refused by all at once.
/// <para>
/// On SQLite a lookup rents a connection that stays open with its statement already prepared. Microsoft.Data.Sqlite
/// keeps a statement's compilation only as long as its command (dotnet/efcore#14044), so renting a context, opening its
/// pooled connection and preparing the statement anew was most of the check's cost (bench api-check). The reader's
/// dispose resets the statement, which ends its read transaction: the next lookup sees every commit made before it, from
/// any connection or process. Other providers read through a pooled connection (Npgsql pools and prepares itself).
/// </para>
/// </summary>
public sealed class ApiUserLookup(PortalConnections connections) : IDisposable
{
    // Only the columns the check needs; the same quoted names on SQLite and PostgreSQL (see the ApiUsers migrations),
    // and @key is a parameter on both. The unique index on ApiKey makes this one index probe.
    private const string FindByKeySql =
        """SELECT "Id", "TokenHash", "IPv4", "IPv6", "EndTimeUtc", "IsAdmin", "IsDeleted", "LastUsedUtc" FROM "ApiUsers" WHERE "ApiKey" = @key""";

    private readonly ConcurrentBag<PreparedSqliteLookup> _idle = [];
    private readonly int _maxIdle = Math.Max(2, Environment.ProcessorCount * 2);
    private readonly Lock _gate = new();
    private bool _disposed;

    public async Task<ApiUser?> FindAsync(string apiKey, CancellationToken ct) =>
        connections.Provider == DatabaseProvider.Sqlite ? FindOnSqlite(apiKey) : await FindOnConnectionAsync(apiKey, ct);

    private ApiUser? FindOnSqlite(string apiKey)
    {
        var lookup = _idle.TryTake(out var idle) ? idle : new PreparedSqliteLookup((SqliteConnection)connections.Open(), FindByKeySql);
        ApiUser? user;
        try
        {
            user = lookup.Find(apiKey);
        }
        catch
        {
            // A connection that failed once (file gone, disk error) is not trusted again.
            lookup.Dispose();
            throw;
        }
        Return(lookup);
        return user;
    }

    private void Return(PreparedSqliteLookup lookup)
    {
        lock (_gate)
        {
            if (!_disposed && _idle.Count < _maxIdle)
            {
                _idle.Add(lookup);
                return;
            }
        }
        lookup.Dispose();
    }

    private async Task<ApiUser?> FindOnConnectionAsync(string apiKey, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = connection.Command(FindByKeySql, ("@key", apiKey));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
        return await reader.ReadAsync(ct) ? Read(reader, apiKey) : null;
    }

    private static ApiUser Read(DbDataReader reader, string apiKey) => new()
    {
        Id = reader.GetInt32(0),
        ApiKey = apiKey,
        TokenHash = (byte[])reader.GetValue(1),
        IPv4 = reader.IsDBNull(2) ? null : reader.GetString(2),
        IPv6 = reader.IsDBNull(3) ? null : reader.GetString(3),
        // As UtcConverters does: SQLite hands times back unspecified, both providers store UTC.
        EndTimeUtc = DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc),
        IsAdmin = reader.GetBoolean(5),
        IsDeleted = reader.GetBoolean(6),
        LastUsedUtc = reader.IsDBNull(7) ? null : DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc),
    };

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        while (_idle.TryTake(out var lookup))
        {
            lookup.Dispose();
        }
    }

    /// <summary>One open connection and its prepared statement; used by one caller at a time.</summary>
    private sealed class PreparedSqliteLookup : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _key;

        /// <param name="connection">Open (<see cref="PortalConnections.Open"/>); disposed with this lookup.</param>
        public PreparedSqliteLookup(SqliteConnection connection, string sql)
        {
            _connection = connection;
            try
            {
                _command = _connection.CreateCommand();
                _command.CommandText = sql;
                _key = _command.Parameters.Add("@key", SqliteType.Text);
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public ApiUser? Find(string apiKey)
        {
            _key.Value = apiKey;
            using var reader = _command.ExecuteReader(CommandBehavior.SingleRow);
            return reader.Read() ? Read(reader, apiKey) : null;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
