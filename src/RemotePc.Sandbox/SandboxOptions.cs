namespace RemotePc.Sandbox;

/// <summary>Configuration of the RemotePC Reseller API emulator (section <see cref="Section"/>).</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Upper bound for seeding: the list endpoint is exercised up to this size.</summary>
    public const int MaxSeedUsers = 200_000;

    /// <summary>Bearer key accepted on the API. A key set through the control surface is persisted and wins over this value.</summary>
    public string ApiKey { get; set; } = "sandbox-key";

    /// <summary>Source-IP whitelist (IPv4-mapped IPv6 equals IPv4). Empty list: every source is allowed.</summary>
    public List<string> AllowedIps { get; set; } = ["127.0.0.1", "::1"];

    /// <summary>SQLite file. Null: an in-memory store that lives as long as the host (tests).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Users generated on the first start with an empty store (at most <see cref="MaxSeedUsers"/>).</summary>
    public int SeedUsers { get; set; } = 250;

    public int SeedPendingInvitations { get; set; } = 15;

    /// <summary>Seed of the demo-data generator; null gives different data on every fresh store.</summary>
    public int? SeedRandom { get; set; } = 42;

    public PasswordRuleOptions PasswordRule { get; set; } = new();

    /// <summary>How long a sign-in link stays usable (it also works only once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Maps the loopback-only <c>/_sandbox/</c> control surface.</summary>
    public bool EnableControl { get; set; } = true;

    /// <summary>TCP port on 127.0.0.1. 0 picks a free port (in-process use); the standalone program defaults to 5080.</summary>
    public int Port { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when these options cannot work (as <see cref="SandboxHost.StartAsync"/> does).</summary>
    public void Validate() => Hosting.SandboxOptionsValidation.Validate(this);
}
