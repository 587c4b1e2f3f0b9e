using Microsoft.Extensions.DependencyInjection;
using RemotePc.Sandbox;
using RemotePc.Tests.Sandbox;

namespace RemotePc.Tests.Contract;

/// <summary>
/// The real client (AddRemotePcClient, real pipeline) against a real sandbox over real HTTP: a small deterministic
/// seed, an in-memory store and a key store whose key a test can change (or remove).
/// </summary>
internal sealed class ContractEnvironment : IAsyncDisposable
{
    public const int SeededUsers = 25;
    public const int ListRetries = 3;
    // Wide enough that a loaded 2-core CI machine never turns a slow but healthy call into a timeout (2 s did once,
    // under 300 ms of injected latency); the hang tests pay it in full, three times.
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _services;

    private ContractEnvironment(SandboxTestHost sandbox)
    {
        Sandbox = sandbox;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IRemotePcKeyStore>(Keys);
        services.AddSingleton<IRemotePcEndpoint>(new DelegateRemotePcEndpoint(() => sandbox.Host.ApiBaseAddress));
        services.AddRemotePcClient(options =>
        {
            options.AttemptTimeout = AttemptTimeout;
            options.ListRetries = ListRetries;
            options.ListRetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.ListTotalTimeout = TimeSpan.FromSeconds(20);
        });
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public SandboxTestHost Sandbox { get; }

    public SandboxControl Control => Sandbox.Control;

    public MutableKeyStore Keys { get; } = new(SandboxTestHost.Key);

    public IRemotePcClient Client => _services.GetRequiredService<IRemotePcClient>();

    public static async Task<ContractEnvironment> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var sandbox = await SandboxTestHost.StartAsync(options =>
        {
            options.SeedUsers = SeededUsers;
            options.SeedPendingInvitations = 0;
            options.SeedRandom = 42;
            configure?.Invoke(options);
        });
        return new ContractEnvironment(sandbox);
    }

    /// <summary>Undoes everything a test may have changed on the account, then zeroes the counters.</summary>
    public void Reset()
    {
        Keys.Key = SandboxTestHost.Key;
        Control.SetApiKey(SandboxTestHost.Key);
        Control.ClearFaults();
        Control.SetParentSuspended(false);
        foreach (var ip in Control.BlockedIps())
        {
            Control.UnblockIp(ip);
        }

        Control.ResetCounters();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>The portal's key store stand-in: a test sets the key (null = none configured).</summary>
internal sealed class MutableKeyStore(string? key) : IRemotePcKeyStore
{
    private volatile string? _key = key;

    public string? Key
    {
        get => _key;
        set => _key = value;
    }

    public ValueTask<string?> GetKeyAsync(CancellationToken ct) => ValueTask.FromResult(_key);
}

/// <summary>One sandbox and one client per test class.</summary>
public sealed class ContractFixture : IAsyncLifetime
{
    internal ContractEnvironment Env { get; private set; } = null!;

    public async Task InitializeAsync() => Env = await ContractEnvironment.StartAsync();

    public async Task DisposeAsync() => await Env.DisposeAsync();
}

/// <summary>Base of the contract test classes: resets the shared sandbox before every test.</summary>
public abstract class ContractTests(ContractFixture fixture) : IClassFixture<ContractFixture>, IAsyncLifetime
{
    internal ContractEnvironment Env => fixture.Env;

    internal IRemotePcClient Client => fixture.Env.Client;

    internal SandboxControl Control => fixture.Env.Control;

    public const string Password = "Passw0rd!";

    /// <summary>Appended to a local part to make an address.</summary>
    public const string Domain = "@example.com";

    public virtual Task InitializeAsync()
    {
        fixture.Env.Reset();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    internal static NewResellerUser NewUser(string email, int allotted = 0) =>
        new("Ada", "Lovelace", email, Password) { AllottedComputers = allotted, SendEmailToUser = false };

    /// <summary>A seeded user that no test in the class changes.</summary>
    internal string SeededUser(int index) => Control.Users()[index].Username;

    internal static void AssertApiError(RemotePcApiException error, int statusCode, string status, params string[] descriptions)
    {
        Assert.Equal(statusCode, (int)error.StatusCode);
        Assert.Equal(status, error.Status);
        Assert.Equal(descriptions, error.Descriptions);
        foreach (var description in descriptions)
        {
            Assert.Contains(description, error.Message, StringComparison.Ordinal);
        }
    }
}
