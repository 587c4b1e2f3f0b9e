using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;

namespace Portal.Tests.Features.ApiUsers;

/// <summary>
/// The portal on its own database (<see cref="TestDatabase.Private"/>), with ephemeral DataProtection, a fake clock, and the connection's peer
/// address taken from the test-only header X-Test-Peer (default 127.0.0.1), set before ForwardedHeaders runs.
/// </summary>
public sealed class ApiUsersFactory : WebApplicationFactory<Program>
{
    public const string PeerHeader = "X-Test-Peer";

    private readonly TestDatabase _database = TestDatabase.Private("apiusers");
    private readonly Dictionary<string, string?> _settings;

    public ApiUsersFactory() : this(null)
    {
    }

    internal ApiUsersFactory(IDictionary<string, string?>? settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Portal:Api:AdminPermitLimit"] = "100000",
            ["Portal:Api:IntegrationPermitLimit"] = "100000",
            ["Portal:Api:TrustedProxies:0"] = "10.9.9.9",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));

    public TestDatabase Database => _database;

    /// <summary>What the host logged, as text (Security/SecurityFactory.cs), for a test to show when a step hangs.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public ApiUserService Users => Services.GetRequiredService<ApiUserService>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Sandbox:DatabasePath", "");
        builder.UseSetting("Sandbox:SeedUsers", "5");
        // These hosts run on a fake clock that tests move by hours; the shared user list's refresh timer would then fire
        // upstream calls whose resilience timers also run on that clock and never elapse (so would the watcher for users added
        // elsewhere). The API-user tests need no list.
        builder.UseSetting("Portal:UserList:RefreshInterval", "30.00:00:00");
        builder.UseSetting("Portal:UserList:ChangeCheckInterval", "00:00:00");
        builder.UseSetting("Portal:Bootstrap:AdminEmail", "admin@example.test");
        builder.UseSetting("Portal:Bootstrap:AdminPassword", "Admin-Password-1");
        // For a hang's log (SessionAndLimitsTests), in the capture only: the host's own steps, each hosted service's stop
        // (TimedHostedServices), the embedded sandbox's stop and its Kestrel's connections.
        foreach (var category in (string[])["Microsoft.Extensions.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Portal.Features.Connection", "RemotePc.Sandbox"])
        {
            builder.UseSetting($"Logging:{typeof(Portal.Tests.Security.CapturingLoggerProvider).FullName}:LogLevel:{category}", "Debug");
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILoggerProvider>(new Portal.Tests.Security.CapturingLoggerProvider(Log, stamped: true));
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, TestPeerStartupFilter>());
            TimedHostedServices.WrapAll(services);
        });
    }

    /// <summary>Creates an API user through the service (how the staff page does it) and returns apikey and token.</summary>
    public async Task<(string ApiKey, string Token)> SeedAsync(string prefix = "seed", string ip = "127.0.0.1", bool isAdmin = true, TimeSpan? lifetime = null)
    {
        _ = Server; // start the host
        var end = Time.GetUtcNow().UtcDateTime + (lifetime ?? TimeSpan.FromDays(30));
        var (user, token) = await Users.CreateAsync(prefix, IPAddress.Parse(ip), end, isAdmin, AuditActor.System);
        return (user.ApiKey, token);
    }

    public static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }

    private sealed class TestPeerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var peer = context.Request.Headers[PeerHeader].FirstOrDefault();
                context.Connection.RemoteIpAddress = IPAddress.Parse(string.IsNullOrEmpty(peer) ? "127.0.0.1" : peer);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
