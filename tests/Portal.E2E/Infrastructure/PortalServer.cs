using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Features.Setup;
using Portal.Features.Staff;
using Portal.Features.Connection;

namespace Portal.E2E.Infrastructure;

/// <summary>The real portal on Kestrel on a free port, over its own in-memory SQLite database.</summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@portal.test";
    public const string Password = "correct-horse-1";

    private readonly SqliteConnection _keepAlive;
    private readonly bool _bootstrapAdmin;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="bootstrapAdmin">Create the first Admin (<see cref="AdminEmail"/>) at start.</param>
    /// <param name="settings">Extra configuration (e.g. <c>Portal:Staff:RevalidationInterval</c>), applied last with UseSetting.</param>
    public PortalServer(bool bootstrapAdmin, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _bootstrapAdmin = bootstrapAdmin;
        _settings = settings ?? new Dictionary<string, string?>();
        ConnectionString = $"Data Source=portal-e2e-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
        UseKestrel(0);
        StartServer();
        // The embedded sandbox starts 2 s after the portal or at the first RemotePC call; started here, seeding its demo
        // users never falls into a test's first page or a measured phase.
        _ = Services.GetRequiredService<EmbeddedSandbox>().Host;
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    public string ConnectionString { get; }

    public string BaseUrl { get; }

    public SetupState SetupState => Services.GetRequiredService<SetupState>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (blazor.web.js, MudBlazor) straight from the build output, as `dotnet run` does.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Sandbox:DatabasePath", "");
        if (_bootstrapAdmin)
        {
            builder.UseSetting("Portal:Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Portal:Bootstrap:AdminPassword", Password);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()));
    }

    /// <summary>A new account with a unique email, so tests sharing this server never touch each other's accounts.</summary>
    public async Task<string> CreateStaffAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@portal.test";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccountService>()
            .CreateAsync(email, $"{role} tester", role, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors));
        }
        SetupState.MarkComplete();
        return email;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _keepAlive.Dispose();
        }
    }
}
