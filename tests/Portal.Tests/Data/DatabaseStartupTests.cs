using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>A wrong database setting must stop start-up with a message that names the setting to fix.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public void An_unreachable_PostgreSql_server_names_the_connection_string_setting()
    {
        var message = StartupFailure.Of(new PortalFactory()
            .WithSetting("Database:Provider", "PostgreSql")
            .WithSetting("Database:ConnectionString", "Host=127.0.0.1;Port=1;Database=portal;Username=portal;Password=x;Timeout=2"));

        Assert.Contains("Database:ConnectionString", message);
        Assert.Contains("PostgreSql", message);
    }

    [Fact]
    public void A_SQLite_file_that_cannot_be_created_names_the_connection_string_setting()
    {
        // /proc exists, so the folder step succeeds, and nobody (not even root) can create a file in it.
        var message = StartupFailure.Of(new PortalFactory()
            .WithSetting("Database:Provider", "Sqlite")
            .WithSetting("Database:ConnectionString", "Data Source=/proc/portal-test.db"));

        Assert.Contains("Database:ConnectionString", message);
    }

    [Fact]
    public void An_empty_connection_string_names_the_setting()
    {
        var message = StartupFailure.Of(new PortalFactory().WithSetting("Database:ConnectionString", ""));

        Assert.Contains("Database:ConnectionString", message);
    }
}
