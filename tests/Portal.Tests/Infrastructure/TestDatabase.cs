using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The database a test host runs on. The suite runs once per provider: SQLite by default, PostgreSQL when
/// <c>PORTAL_TEST_PROVIDER=PostgreSql</c> and <c>PORTAL_TEST_POSTGRES</c> is a connection string of a role that may create
/// databases (test.sh starts a throw-away server and sets both). On PostgreSQL every <see cref="TestDatabase"/> is a new,
/// empty database that is dropped on dispose, so tests never see each other's data, as with SQLite's private databases.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "PORTAL_TEST_PROVIDER";
    public const string ServerVariable = "PORTAL_TEST_POSTGRES";

    private readonly SqliteConnection? _keepAlive;
    private readonly string? _file;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, SqliteConnection? keepAlive = null, string? file = null, string? postgresName = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _keepAlive = keepAlive;
        _file = file;
        _postgresName = postgresName;
    }

    /// <summary>The provider of this run; a PostgreSQL run without a server is an error, never a quiet fallback to SQLite.</summary>
    public static DatabaseProvider RunProvider { get; } = ReadRunProvider();

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>For one host: in-memory SQLite (alive while this object is), or a new PostgreSQL database.</summary>
    public static TestDatabase Private(string prefix)
    {
        if (RunProvider == DatabaseProvider.PostgreSql)
        {
            return CreatePostgres(prefix);
        }
        // Microsoft.Data.Sqlite's spelling of a named shared in-memory database; the app leaves Mode=Memory strings as they are.
        var connectionString = $"Data Source={prefix}-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        return new TestDatabase(DatabaseProvider.Sqlite, connectionString, keepAlive);
    }

    /// <summary>For several hosts or a restart: a SQLite file in the temp folder (each host opens its own connections), or a new PostgreSQL database.</summary>
    public static TestDatabase Shared(string prefix)
    {
        if (RunProvider == DatabaseProvider.PostgreSql)
        {
            return CreatePostgres(prefix);
        }
        var file = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file: file);
    }

    /// <summary>The SQLite file, if this is one (checks that read the file's bytes).</summary>
    public string? SqliteFile => _file;

    /// <summary>Every value of every table as text (byte arrays also as hex), for proofs that a secret is stored nowhere in clear.</summary>
    public List<string> AllValues()
    {
        using DbConnection connection = Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = Provider == DatabaseProvider.PostgreSql
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var values = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    values.Add(value is byte[] bytes
                        ? System.Text.Encoding.UTF8.GetString(bytes) + Convert.ToHexString(bytes)
                        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
        values.AddRange(tables.Select(t => "table:" + t));
        return values;
    }

    public void Dispose()
    {
        if (_keepAlive is not null)
        {
            _keepAlive.Dispose();
        }
        else if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                    // A handle the OS has not let go of yet; the temp folder is cleaned up by the system.
                }
            }
        }
        else if (_postgresName is not null)
        {
            // FORCE ends the stopped hosts' pooled connections, which would otherwise keep the database in use.
            using var admin = new NpgsqlConnection(ServerConnectionString());
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }

    private static TestDatabase CreatePostgres(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(ServerConnectionString()))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }
        var csb = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name };
        return new TestDatabase(DatabaseProvider.PostgreSql, csb.ConnectionString, postgresName: name);
    }

    private static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ProviderVariable}=PostgreSql needs {ServerVariable}, a connection string of a role that may create databases " +
                "(e.g. Host=127.0.0.1;Port=5432;Username=postgres). ./test.sh starts a throw-away server and sets both.");

    private static DatabaseProvider ReadRunProvider()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrEmpty(value))
        {
            return DatabaseProvider.Sqlite;
        }
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderVariable} must be Sqlite or PostgreSql, not '{value}'.");
    }
}
