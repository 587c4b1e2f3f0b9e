using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Data;

/// <summary>
/// Plain ADO.NET connections to the portal database, for the few statements on the way to a new install's first page:
/// creating the schema (<see cref="SqliteFreshDatabase"/>), the DataProtection key ring
/// (<see cref="Hosting.DatabaseKeyRepository"/>) and whether any staff account exists
/// (<see cref="Features.Setup.StaffAccountCheck"/>); and, on the hot path of every integration call, the apikey lookup
/// (<see cref="Features.ApiUsers.ApiUserLookup"/>) and the audit rows' insert on SQLite. Everything else goes through EF Core.
/// <para>
/// Why: the first EF Core context builds EF's internal services, and its first query and save compile EF's query and
/// update pipelines. On the start-up path that was about 0.6 s of the 2.2 s of CPU a new install spent until its first
/// page was served, on two cores shared with the server's own start (bench/Portal.Harness row 7). Now EF Core starts
/// with the first request that needs it.
/// </para>
/// </summary>
public sealed class PortalConnections(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider => provider;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = Create();
        try
        {
            await connection.OpenAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        SqliteBusyTimeout.Set(connection);
        return connection;
    }

    /// <summary>For callers that cannot await (DataProtection's key repository).</summary>
    public DbConnection Open()
    {
        var connection = Create();
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        SqliteBusyTimeout.Set(connection);
        return connection;
    }

    private DbConnection Create() => provider == DatabaseProvider.PostgreSql
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(connectionString);
}

public static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
