using System.Globalization;
using Microsoft.Data.Sqlite;
using RemotePc.Sandbox.Model;

namespace RemotePc.Sandbox.Store;

/// <summary>
/// Write-through persistence. The in-memory state is the source of truth while running; this store only has to
/// survive restarts. One connection, serialized by a lock, because SQLite is single-writer anyway.
/// </summary>
internal sealed class SqliteSandboxStore : IDisposable
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteSandboxStore(string? databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { Pooling = false };
        if (databasePath is null)
        {
            builder.DataSource = ":memory:";
        }
        else
        {
            var full = Path.GetFullPath(databasePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }

        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute(databasePath is null ? "PRAGMA journal_mode=MEMORY;" : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS users (
                username TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                alloted_computers INTEGER NOT NULL,
                utilized_computers INTEGER NOT NULL,
                is_active INTEGER NOT NULL,
                created_date TEXT NOT NULL,
                is_cancelled INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS pending_invitations (
                email TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                alloted_computers INTEGER NOT NULL,
                invited_date TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS settings (
                key TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS blocked_ips (
                ip TEXT NOT NULL PRIMARY KEY);
            """);
    }

    public StoreContents Load()
    {
        lock (_gate)
        {
            var users = new List<UserRecord>();
            using (var command = Command("SELECT username, password_hash, alloted_computers, utilized_computers, is_active, created_date, is_cancelled FROM users ORDER BY rowid"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    users.Add(new UserRecord(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt32(2),
                        reader.GetInt32(3),
                        reader.GetInt64(4) != 0,
                        ParseDate(reader.GetString(5)),
                        reader.GetInt64(6) != 0));
                }
            }

            var invitations = new List<PendingInvitation>();
            using (var command = Command("SELECT email, alloted_computers, invited_date FROM pending_invitations ORDER BY rowid"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    invitations.Add(new PendingInvitation(reader.GetString(0), reader.GetInt32(1), ParseDate(reader.GetString(2))));
                }
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var command = Command("SELECT key, value FROM settings"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    settings[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var blocked = new List<string>();
            using (var command = Command("SELECT ip FROM blocked_ips ORDER BY rowid"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    blocked.Add(reader.GetString(0));
                }
            }

            return new StoreContents(users, invitations, settings, blocked);
        }
    }

    /// <summary>Bulk insert in one transaction with one prepared command: 200,000 rows in about a second.</summary>
    public void InsertUsers(IReadOnlyCollection<UserRecord> users)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = UpsertUserCommand(transaction);
            command.Prepare();
            foreach (var user in users)
            {
                BindUser(command, user);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void UpsertUser(UserRecord user) => InsertUsers([user]);

    /// <summary>The invitations of one invite call in one transaction: all of them are stored, or none.</summary>
    public void InsertInvitations(IReadOnlyCollection<PendingInvitation> invitations)
    {
        if (invitations.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = Command("INSERT OR REPLACE INTO pending_invitations (email, alloted_computers, invited_date) VALUES ($email, $alloted, $date)", transaction);
            var email = command.Parameters.Add("$email", SqliteType.Text);
            var alloted = command.Parameters.Add("$alloted", SqliteType.Integer);
            var date = command.Parameters.Add("$date", SqliteType.Text);
            command.Prepare();
            foreach (var invitation in invitations)
            {
                email.Value = invitation.Email;
                alloted.Value = invitation.AllottedComputers;
                date.Value = FormatDate(invitation.InvitedDate);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Moves an invitation to the users table atomically, so a crash cannot leave it in both or neither.</summary>
    public void AcceptInvitation(string email, UserRecord user)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using (var delete = Command("DELETE FROM pending_invitations WHERE email = $email", transaction))
            {
                delete.Parameters.AddWithValue("$email", email);
                delete.ExecuteNonQuery();
            }

            using (var insert = UpsertUserCommand(transaction))
            {
                BindUser(insert, user);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void SetSetting(string key, string value)
    {
        lock (_gate)
        {
            using var command = Command("INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value)");
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }
    }

    public void SetIpBlocked(string ip, bool blocked)
    {
        lock (_gate)
        {
            using var command = Command(blocked
                ? "INSERT OR IGNORE INTO blocked_ips (ip) VALUES ($ip)"
                : "DELETE FROM blocked_ips WHERE ip = $ip");
            command.Parameters.AddWithValue("$ip", ip);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets users and invitations (not the key, suspension or blocked IPs: those are account settings).</summary>
    public void ResetPeople()
    {
        lock (_gate)
        {
            Execute("DELETE FROM users; DELETE FROM pending_invitations;");
        }
    }

    public void Dispose() => _connection.Dispose();

    private SqliteCommand UpsertUserCommand(SqliteTransaction transaction)
    {
        var command = Command("""
            INSERT INTO users (username, password_hash, alloted_computers, utilized_computers, is_active, created_date, is_cancelled)
            VALUES ($username, $hash, $alloted, $utilized, $active, $created, $cancelled)
            ON CONFLICT(username) DO UPDATE SET
                password_hash = excluded.password_hash,
                alloted_computers = excluded.alloted_computers,
                utilized_computers = excluded.utilized_computers,
                is_active = excluded.is_active,
                created_date = excluded.created_date,
                is_cancelled = excluded.is_cancelled
            """, transaction);
        command.Parameters.Add("$username", SqliteType.Text);
        command.Parameters.Add("$hash", SqliteType.Text);
        command.Parameters.Add("$alloted", SqliteType.Integer);
        command.Parameters.Add("$utilized", SqliteType.Integer);
        command.Parameters.Add("$active", SqliteType.Integer);
        command.Parameters.Add("$created", SqliteType.Text);
        command.Parameters.Add("$cancelled", SqliteType.Integer);
        return command;
    }

    private static void BindUser(SqliteCommand command, UserRecord user)
    {
        command.Parameters["$username"].Value = user.Username;
        command.Parameters["$hash"].Value = user.PasswordHash;
        command.Parameters["$alloted"].Value = user.AllottedComputers;
        command.Parameters["$utilized"].Value = user.UtilizedComputers;
        command.Parameters["$active"].Value = user.IsActive ? 1 : 0;
        command.Parameters["$created"].Value = FormatDate(user.CreatedDate);
        command.Parameters["$cancelled"].Value = user.IsCancelled ? 1 : 0;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);
}
