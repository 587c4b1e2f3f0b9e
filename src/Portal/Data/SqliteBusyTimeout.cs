using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Portal.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database (its busy handler retries within milliseconds) instead of returning
/// SQLITE_BUSY to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms per try. Two writers meeting (an invitation
/// batch saving while the job's progress is recounted) cost 150 ms or more each time: a dotnet-trace of
/// bench/Portal.Harness row 6 showed Thread.Sleep under SqliteDataReader.NextResult in SaveChanges and BeginTransaction.
/// <para>
/// Set through the native sqlite3_busy_timeout rather than a <c>PRAGMA busy_timeout</c> command: this runs on every
/// open of a pooled connection, i.e. on every context's first query, and a PRAGMA was one more statement prepared and
/// stepped per API call. The native call only stores the value on the connection handle.
/// </para>
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    // Below Microsoft.Data.Sqlite's 30 s command timeout, which still applies on top.
    private const int Milliseconds = 10_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    internal static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
