using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Features.Connection;
using RemotePc.Sandbox;

namespace Portal.Harness.Infrastructure;

/// <summary>
/// The real portal on Kestrel (port 0) in this process, as the E2E tests host it, but on the embedded defaults' kind of
/// database: a SQLite file (in a fresh temporary folder), not a shared in-memory one, whose locking differs. The sandbox
/// keeps its store in memory; an Admin is bootstrapped. Extra settings and services come from the row that builds it.
/// </summary>
internal sealed class HarnessPortal : WebApplicationFactory<Program>
{
    public const string AdminEmail = "harness@portal.test";
    public const string Password = "harness-password-1";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-harness-").FullName;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public HarnessPortal(int sandboxUsers, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Sandbox:SeedUsers"] = sandboxUsers.ToString(CultureInfo.InvariantCulture),
        };
        _services = services;
        ConnectionString = $"Data Source={Path.Combine(_dataDirectory, "portal.db")}";
        UseKestrel(0);
        StartServer();
        // The embedded sandbox starts 2 s after the portal or at the first RemotePC call; started here, seeding its demo
        // users never falls into a test's first page or a measured phase.
        _ = Services.GetRequiredService<EmbeddedSandbox>().Host;
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private string ConnectionString { get; }

    public string BaseUrl { get; }

    public SandboxControl Sandbox => Services.GetRequiredService<EmbeddedSandbox>().Host.Control;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves blazor.web.js and MudBlazor's assets from the build output, as the E2E tests do;
        // the baseline host runs in the same environment, so the comparison is like for like.
        builder.UseEnvironment("Development");
        builder.UseContentRoot(Repository.Root);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Sandbox:DatabasePath", "");
        builder.UseSetting("Sandbox:SeedPendingInvitations", "0");
        builder.UseSetting("Portal:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Portal:Bootstrap:AdminPassword", Password);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        // The portal's own log (retries, timeouts under injected faults) would drown the figures.
        builder.ConfigureLogging(l => l.ClearProviders());
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            _services?.Invoke(s);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
