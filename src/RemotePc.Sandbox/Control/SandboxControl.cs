using RemotePc.Sandbox.Hosting;
using RemotePc.Sandbox.Security;

namespace RemotePc.Sandbox;

/// <summary>
/// The control surface as C# methods, for in-process tests; <c>/_sandbox/</c> exposes the same operations over
/// HTTP. Methods that address a user or invitation return false when there is none.
/// </summary>
public sealed class SandboxControl
{
    private readonly SandboxRuntime _runtime;

    internal SandboxControl(SandboxRuntime runtime) => _runtime = runtime;

    /// <summary>The password every seeded user has.</summary>
    public static string SeededUserPassword => Seeding.DemoDataGenerator.SeededPassword;

    public string ApiKey => _runtime.State.ApiKey;

    public int UserCount => _runtime.State.UserCount;

    public bool IsParentSuspended => _runtime.State.IsParentSuspended;

    /// <summary>The invitee signs up: moved to the users (active, utilized 0, created today, the invited allocation).
    /// Their password is <see cref="SeededUserPassword"/> so tests can sign them in.</summary>
    public bool AcceptInvitation(string email) =>
        _runtime.State.AcceptInvitation(email.Trim(), PasswordHasher.Hash(SeededUserPassword)) is not null;

    public IReadOnlyList<PendingInvitation> PendingInvitations() => _runtime.State.SnapshotInvitations();

    public SandboxUser? FindUser(string email) => _runtime.State.FindUser(email.Trim())?.ToPublic();

    public IReadOnlyList<SandboxUser> Users() => [.. _runtime.State.SnapshotUsers().Select(user => user.ToPublic())];

    /// <summary>Sets utilization (and the allocation, when given); over-allocation is allowed, as upstream shows it.</summary>
    public bool SetUtilization(string email, int utilized, int? allotted = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(utilized);
        if (allotted is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(allotted), allotted, "The allocation must not be negative.");
        }

        return _runtime.State.UpdateUser(email.Trim(), user => user with
        {
            UtilizedComputers = utilized,
            AllottedComputers = allotted ?? user.AllottedComputers,
        }) is not null;
    }

    public bool SetActive(string email, bool active) =>
        _runtime.State.UpdateUser(email.Trim(), user => user with { IsActive = active }) is not null;

    /// <summary>Sign-in then answers CANCELLED_ACCOUNT; the user stays in the list, shown inactive.</summary>
    public bool CancelAccount(string email) =>
        _runtime.State.UpdateUser(email.Trim(), user => user with { IsCancelled = true }) is not null;

    /// <summary>Undoes <see cref="CancelAccount"/> (not an upstream feature; lets tests reuse a user).</summary>
    public bool RestoreAccount(string email) =>
        _runtime.State.UpdateUser(email.Trim(), user => user with { IsCancelled = false }) is not null;

    /// <summary>Sign-in then answers ACTION_PARENT_ACCOUNT_SUSPENDED.</summary>
    public void SetParentSuspended(bool suspended) => _runtime.State.SetParentSuspended(suspended);

    /// <summary>Sign-in from this source IP then answers IP_ADDRESS_BLOCKED.</summary>
    public void BlockIp(string ip) => _runtime.State.SetIpBlocked(NormalizeIp(ip), blocked: true);

    public bool UnblockIp(string ip) => _runtime.State.SetIpBlocked(NormalizeIp(ip), blocked: false);

    public IReadOnlyList<string> BlockedIps() => _runtime.State.SnapshotBlockedIps();

    /// <summary>Like "Change" in RemotePC's console: the old key stops working at once. Persisted; wins over options.</summary>
    public void SetApiKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("The key must not be empty.", nameof(key));
        }

        _runtime.State.SetApiKey(key.Trim());
    }

    /// <summary>Adds <paramref name="count"/> generated users (all with <see cref="SeededUserPassword"/>); returns the new total.</summary>
    public int SeedUsers(int count, bool reset = false) => _runtime.State.SeedUsers(count, reset);

    public void InjectFault(SandboxEndpoint endpoint, FaultSpec spec) => _runtime.Faults.Inject(endpoint, spec);

    public void ClearFaults() => _runtime.Faults.Clear();

    public IReadOnlyDictionary<SandboxEndpoint, FaultSpec> Faults() => _runtime.Faults.Current();

    /// <summary>Calls received (faulted ones included); <see cref="SandboxEndpoint.All"/> is the sum.</summary>
    public long ReceivedCount(SandboxEndpoint endpoint) => _runtime.Counters.Get(endpoint);

    public void ResetCounters() => _runtime.Counters.Reset();

    private static string NormalizeIp(string ip) =>
        IpAddressText.Normalize(ip) ?? throw new ArgumentException($"'{ip}' is not an IP address.", nameof(ip));
}
