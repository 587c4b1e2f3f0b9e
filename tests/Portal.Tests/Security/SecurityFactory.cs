using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Setup;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;
using RemotePc.Sandbox;

namespace Portal.Tests.Security;

/// <summary>
/// The real portal for the security proofs, built from the same parts as <see cref="PortalFactory"/> (private database,
/// embedded in-memory sandbox, bootstrap Admin, real sign-in) and <c>ApiUsersFactory</c> (the peer address forced from the
/// test-only header <see cref="PeerHeader"/>, default 127.0.0.1, before ForwardedHeaders runs), plus: optional log capture at
/// Trace level, an optional caller-owned database, and an optional test-only <c>/api/boom</c> that throws behind the app's pipeline.
/// Every instance has its own database and host; nothing is static.
/// </summary>
public sealed class SecurityFactory : WebApplicationFactory<Program>
{
    public const string PeerHeader = "X-Test-Peer";
    public const string AdminEmail = PortalFactory.AdminEmail;
    public const string Password = PortalFactory.DefaultPassword;

    private readonly TestDatabase? _ownDatabase;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public SecurityFactory() : this(new SecurityFactoryOptions())
    {
    }

    /// <summary>A variant (file database, log capture, /api/boom, settings); xUnit wants one public constructor on a fixture.</summary>
    public static SecurityFactory Create(SecurityFactoryOptions options) => new(options);

    private SecurityFactory(SecurityFactoryOptions options)
    {
        Options = options;
        if (options.Database is null)
        {
            _ownDatabase = TestDatabase.Private("security");
        }
        Database = options.Database ?? _ownDatabase!;
        _settings["Database:Provider"] = Database.Provider.ToString();
        _settings["Database:ConnectionString"] = Database.ConnectionString;
        _settings["Portal:Bootstrap:AdminEmail"] = AdminEmail;
        _settings["Portal:Bootstrap:AdminPassword"] = Password;
        _settings["Portal:Api:AdminPermitLimit"] = "100000";
        _settings["Portal:Api:IntegrationPermitLimit"] = "100000";
        _settings["Portal:Invitations:PollInterval"] = "00:00:00.200";
        _settings["Portal:Invitations:RetryBaseDelay"] = "00:00:00.050";
        foreach (var (key, value) in options.Settings)
        {
            _settings[key] = value;
        }
    }

    public SecurityFactoryOptions Options { get; }

    public TestDatabase Database { get; }

    /// <summary>Every log message (formatted, with its exception and scope values) when <see cref="SecurityFactoryOptions.CaptureLogs"/>.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public ApiUserService ApiUsers => Services.GetRequiredService<ApiUserService>();

    public SandboxControl Sandbox => Services.GetRequiredService<EmbeddedSandbox>().Host.Control;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Sandbox:DatabasePath", "");
        builder.UseSetting("Sandbox:SeedUsers", "25");
        builder.UseSetting("Sandbox:SeedPendingInvitations", "3");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging =>
        {
            if (Options.CaptureLogs)
            {
                // Only the capture: everything down to Trace, whatever the app's Logging section says.
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(new CapturingLoggerProvider(Logs));
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            }
            else
            {
                logging.SetMinimumLevel(LogLevel.Warning);
            }
        });
        builder.ConfigureTestServices(services =>
        {
            if (Options.EphemeralKeys)
            {
                services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            }
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, TestPeerStartupFilter>());
            if (Options.MapBoom)
            {
                services.AddTransient<IStartupFilter, BoomStartupFilter>();
            }
        });
    }

    public SetupState SetupState => Services.GetRequiredService<SetupState>();

    public PortalDbContext CreateDb() => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = CreateDb();
        return await db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>A staff account made through the app's own service; returns its email.</summary>
    public async Task<string> CreateStaffAsync(string role, string? displayName = null, string password = Password)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@portal.test";
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccountService>();
        var result = await accounts.CreateAsync(email, displayName ?? $"{role} tester", role, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        SetupState.MarkComplete();
        return email;
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signed in through the real login form (antiforgery token and all), as <see cref="PortalFactory"/> does.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email, string password = Password)
    {
        var client = CreateBrowserLikeClient();
        using var response = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>An API user made through <see cref="ApiUserService"/> (as the staff page does), bound to <paramref name="ip"/>.</summary>
    public async Task<ApiCredential> CreateApiUserAsync(bool isAdmin, string prefix = "sec", string ip = "127.0.0.1")
    {
        _ = Server;
        var end = DateTime.UtcNow.AddDays(30);
        var (user, token) = await ApiUsers.CreateAsync(prefix, IPAddress.Parse(ip), end, isAdmin, AuditActor.System);
        return new ApiCredential(user.ApiKey, token);
    }

    /// <summary>A session token from the real <c>/api/cli-credential</c>.</summary>
    public async Task<string> IssueSessionTokenAsync(ApiCredential user)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cli-credential");
        user.ApplyIntegration(request);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("sessionToken").GetString()!;
    }

    public static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownDatabase?.Dispose();
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

    /// <summary>
    /// After the whole app pipeline (its exception handler, headers, authentication...): a request no endpoint matched
    /// reaches this, and <c>/api/boom</c> throws, as a bug in an API handler would.
    /// </summary>
    private sealed class BoomStartupFilter : IStartupFilter
    {
        public const string Secret = "boom-internal-detail-5f1c";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == "/api/boom"
                ? throw new InvalidOperationException($"Unhandled test failure ({Secret}) at a secret place")
                : nextMiddleware(context));
        };
    }
}

public sealed class SecurityFactoryOptions
{
    /// <summary>A database the caller owns (e.g. to read it after the host stopped); null for a private one.</summary>
    public TestDatabase? Database { get; init; }

    public bool CaptureLogs { get; init; }

    public bool EphemeralKeys { get; init; } = true;

    public bool MapBoom { get; init; }

    public Dictionary<string, string?> Settings { get; init; } = [];
}

/// <summary>An API user's apikey and token, and the ways a caller presents them.</summary>
public sealed record ApiCredential(string ApiKey, string Token)
{
    /// <summary>Integration API and /cli-credential: Apikey/Token, BASE64.</summary>
    public void ApplyIntegration(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Apikey", SecurityFactory.B64(ApiKey));
        request.Headers.TryAddWithoutValidation("Token", SecurityFactory.B64(Token));
    }

    /// <summary>The admin API: Admin-Apikey/Admin-Token, BASE64.</summary>
    public void ApplyAdmin(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Admin-Apikey", SecurityFactory.B64(ApiKey));
        request.Headers.TryAddWithoutValidation("Admin-Token", SecurityFactory.B64(Token));
    }
}

public static class BearerExtensions
{
    public static void ApplyBearer(this HttpRequestMessage request, string sessionToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
}

/// <summary>
/// Keeps every message, its exception and its scopes' values as text, for searching. With <paramref name="stamped"/>
/// each line starts with the seconds since the provider was made and the thread's id, for reading a hang's order.
/// </summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink, bool stamped = false) : ILoggerProvider, ISupportExternalScope
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink, () => _scopes, stamped ? _clock : null);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink, Func<IExternalScopeProvider> scopes, System.Diagnostics.Stopwatch? clock) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder();
            if (clock is not null)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"+{clock.Elapsed.TotalSeconds:0.000}s [{Environment.CurrentManagedThreadId}] ");
            }
            text.Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }
            scopes().ForEachScope((scope, sb) =>
            {
                sb.Append(" | scope ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        sb.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
            }, text);
            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }
            sink.Enqueue(text.ToString());
        }
    }
}
