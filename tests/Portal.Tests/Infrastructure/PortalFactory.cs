using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Features.Setup;
using Portal.Features.Staff;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real portal over its own database (<see cref="TestDatabase.Private"/>: in-memory SQLite, or a new PostgreSQL
/// database in the PostgreSQL run), or over one the caller shares between hosts. Tests never see each other's data.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@portal.test";
    public const string DefaultPassword = "correct-horse-1";

    private readonly TestDatabase? _ownDatabase;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The usual portal: private in-memory database, throw-away keys, <see cref="AdminEmail"/> created at start. Usable as a class fixture.</summary>
    public PortalFactory()
        : this(bootstrapAdmin: true, database: null, ephemeralKeys: true)
    {
    }

    /// <param name="bootstrapAdmin">Create <see cref="AdminEmail"/> at start, so the setup gate is closed.</param>
    /// <param name="database">A database the caller shares between hosts (and disposes); null for a private one.</param>
    /// <param name="ephemeralKeys">Replace the database-backed DataProtection keys with throw-away ones.</param>
    public static PortalFactory Create(bool bootstrapAdmin = true, TestDatabase? database = null, bool ephemeralKeys = true) =>
        new(bootstrapAdmin, database, ephemeralKeys);

    // xUnit wants one public constructor on a fixture; the variants go through Create.
    private PortalFactory(bool bootstrapAdmin, TestDatabase? database, bool ephemeralKeys)
    {
        if (database is null)
        {
            _ownDatabase = TestDatabase.Private("portal");
            database = _ownDatabase;
        }
        Database = database;
        EphemeralKeys = ephemeralKeys;
        _settings["Database:Provider"] = database.Provider.ToString();
        _settings["Database:ConnectionString"] = database.ConnectionString;
        if (bootstrapAdmin)
        {
            _settings["Portal:Bootstrap:AdminEmail"] = AdminEmail;
            _settings["Portal:Bootstrap:AdminPassword"] = DefaultPassword;
        }
    }

    public TestDatabase Database { get; }

    public string ConnectionString => Database.ConnectionString;

    public bool EphemeralKeys { get; }

    /// <summary>Any other setting, e.g. <c>WithSetting("Portal:Staff:MaxFailedSignIns", "3")</c>; call before the first use.</summary>
    public PortalFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The embedded sandbox keeps its store in memory and seeds a small list, so tests stay fast and leave no files.
        builder.UseSetting("Sandbox:DatabasePath", "");
        builder.UseSetting("Sandbox:SeedUsers", "25");
        builder.UseSetting("Sandbox:SeedPendingInvitations", "3");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        // Outside Development the app logs JSON lines to the console; keep only what explains a failure.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            if (EphemeralKeys)
            {
                services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            }
        });
    }

    public SetupState SetupState => Services.GetRequiredService<SetupState>();

    /// <summary>Creates a staff account through the app's own service and returns its id.</summary>
    public async Task<string> CreateStaffAsync(string role, string? email = null, string password = DefaultPassword)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@portal.test";
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccountService>();
        var result = await accounts.CreateAsync(email, $"{role} {email[..6]}", role, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        // Outside /setup nothing closes the gate; an account made here counts like one made there.
        SetupState.MarkComplete();
        return (await accounts.ListAsync()).Single(a => a.Email == email).Id;
    }

    /// <summary>Runs <paramref name="action"/> with a fresh scope's <see cref="StaffAccountService"/>.</summary>
    public async Task<T> WithAccountsAsync<T>(Func<StaffAccountService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StaffAccountService>());
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real login form (antiforgery token and all).</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email, string password = DefaultPassword)
    {
        var client = CreateBrowserLikeClient();
        using var response = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, password));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownDatabase?.Dispose();
        }
    }
}

public static class LoginForm
{
    public static Dictionary<string, string> Fields(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };
}
