using System.ComponentModel.DataAnnotations;

namespace Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path is enough ("Data Source=./data/portal.db"). PostgreSQL: an Npgsql connection string.</summary>
    [Required(ErrorMessage = "Database:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=./data/portal.db";
}
