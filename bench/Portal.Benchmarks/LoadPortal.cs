using System.Net;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;
using Portal.Features.Connection;

namespace Portal.Benchmarks;

/// <summary>The real portal on Kestrel (loopback, random port) with its embedded sandbox seeded with N users, on an in-memory SQLite database or a SQLite file.</summary>
internal sealed class LoadPortal : WebApplicationFactory<Program>
{
    private readonly SqliteConnection _keepAlive;
    private readonly int _users;

    private readonly string? _file;

    /// <param name="fileDatabase">
    /// A SQLite file in the temp directory, as the portal runs by default, rather than a shared-cache in-memory database,
    /// whose table locks make a reader sleep (150 ms retries) while another connection writes.
    /// </param>
    public LoadPortal(int users, bool fileDatabase = false)
    {
        _users = users;
        _file = fileDatabase ? Path.Combine(Path.GetTempPath(), $"portal-load-{Guid.NewGuid():N}.db") : null;
        var connection = _file is null ? $"Data Source=portal-load-{Guid.NewGuid():N};Mode=Memory;Cache=Shared" : $"Data Source={_file}";
        _keepAlive = new SqliteConnection(connection);
        _keepAlive.Open();
        ConnectionString = connection;
        UseKestrel(0);
        StartServer();
        // The embedded sandbox starts 2 s after the portal or at the first RemotePC call; started here, seeding its demo
        // users never falls into a test's first page or a measured phase.
        _ = Services.GetRequiredService<EmbeddedSandbox>().Host;
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private string ConnectionString { get; }

    public string BaseUrl { get; }

    public ServerTimings Timings => Services.GetRequiredService<ServerTimings>();

    /// <summary>What the run measures against: the file and its journal mode, or the in-memory database.</summary>
    public string DatabaseDescription
    {
        get
        {
            using var command = _keepAlive.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return _file is null ? "shared-cache in-memory SQLite" : $"SQLite file, journal_mode={command.ExecuteScalar()}";
        }
    }

    public async Task<(string Key, string Token)> CreateApiUserAsync()
    {
        var (user, token) = await Services.GetRequiredService<ApiUserService>()
            .CreateAsync("load", IPAddress.Loopback, DateTime.UtcNow.AddDays(1), false, AuditActor.System);
        return (user.ApiKey, token);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(RepositoryRoot());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Sandbox:DatabasePath", "");
        builder.UseSetting("Sandbox:SeedUsers", _users.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Bootstrap:AdminEmail", "load@portal.test");
        builder.UseSetting("Portal:Bootstrap:AdminPassword", "load-password-1");
        // Still limited (the limiter stays in the path of both legs), but never reached: 100,000 a second per key.
        builder.UseSetting("Portal:Api:IntegrationPermitLimit", "100000");
        builder.UseSetting("Portal:Api:RateLimitWindow", "00:00:01");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            // Only requests that carry its marker header skip the credential check (the api-auth run's baseline).
            s.Replace(ServiceDescriptor.Transient<IPolicyEvaluator, AnonymousBenchPolicyEvaluator>());
            s.AddSingleton<ServerTimings>();
            s.AddTransient<IStartupFilter, ServerTimings.StartupFilter>();
        });
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Run the load run from inside the repository.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _keepAlive.DisposeAsync();
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_file);
        }
    }
}
