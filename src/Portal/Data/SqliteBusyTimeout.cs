using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database (its busy handler retries within milliseconds) instead of returning
/// SQLITE_BUSY to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms per try. Two writers meeting (an invitation
/// batch saving while the job's progress is recounted) cost 150 ms or more each time: a dotnet-trace of
/// bench/Portal.Harness row 6 showed Thread.Sleep under SqliteDataReader.NextResult in SaveChanges and BeginTransaction.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    // Below Microsoft.Data.Sqlite's 30 s command timeout, which still applies on top.
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
