using RemotePc.Sandbox.Model;
using RemotePc.Sandbox.Seeding;
using RemotePc.Sandbox.Store;

namespace RemotePc.Sandbox.State;

/// <summary>
/// The emulated reseller account. Reads and writes go through one lock; each mutation writes the store first so a
/// failing write leaves memory unchanged.
/// </summary>
internal sealed class SandboxState : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteSandboxStore _store;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly List<UserRecord> _users = [];
    private readonly Dictionary<string, int> _userIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly OrderedDictionary<string, PendingInvitation> _invitations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _blockedIps = new(StringComparer.OrdinalIgnoreCase);
    private string _apiKey;
    private bool _parentSuspended;

    public SandboxState(SqliteSandboxStore store, SandboxOptions options, TimeProvider time)
    {
        _store = store;
        _time = time;
        _random = options.SeedRandom is { } seed ? new Random(seed) : new Random();

        var contents = store.Load();
        foreach (var user in contents.Users)
        {
            AddToMemory(user);
        }

        foreach (var invitation in contents.Invitations)
        {
            _invitations[invitation.Email] = invitation;
        }

        _blockedIps.UnionWith(contents.BlockedIps);
        _apiKey = contents.Settings.TryGetValue(SettingKeys.ApiKey, out var key) ? key : options.ApiKey;
        _parentSuspended = contents.Settings.TryGetValue(SettingKeys.ParentSuspended, out var suspended) && suspended == "1";

        if (!contents.Settings.ContainsKey(SettingKeys.Seeded))
        {
            SeedUsers(options.SeedUsers, reset: false);
            SeedInvitations(options.SeedPendingInvitations);
            store.SetSetting(SettingKeys.Seeded, "1");
        }
    }

    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public string ApiKey
    {
        get { lock (_gate) { return _apiKey; } }
    }

    public bool IsParentSuspended
    {
        get { lock (_gate) { return _parentSuspended; } }
    }

    public int UserCount
    {
        get { lock (_gate) { return _users.Count; } }
    }

    public bool IsIpBlocked(string? normalizedIp)
    {
        if (normalizedIp is null)
        {
            return false;
        }

        lock (_gate)
        {
            return _blockedIps.Contains(normalizedIp);
        }
    }

    public UserRecord? FindUser(string username)
    {
        lock (_gate)
        {
            return _userIndex.TryGetValue(username, out var index) ? _users[index] : null;
        }
    }

    /// <summary>A consistent copy of the user references; records are immutable, so streaming it needs no lock.</summary>
    public UserRecord[] SnapshotUsers()
    {
        lock (_gate)
        {
            return [.. _users];
        }
    }

    public PendingInvitation[] SnapshotInvitations()
    {
        lock (_gate)
        {
            return [.. _invitations.Values];
        }
    }

    public string[] SnapshotBlockedIps()
    {
        lock (_gate)
        {
            return [.. _blockedIps];
        }
    }

    /// <summary>False when the address is already a user (pending invitations do not block adding).</summary>
    public bool TryAddUser(UserRecord user)
    {
        lock (_gate)
        {
            if (_userIndex.ContainsKey(user.Username))
            {
                return false;
            }

            // Adding directly supersedes an invitation to the same address.
            if (_invitations.ContainsKey(user.Username))
            {
                _store.AcceptInvitation(user.Username, user);
                _invitations.Remove(user.Username);
            }
            else
            {
                _store.UpsertUser(user);
            }

            AddToMemory(user);
            return true;
        }
    }

    /// <summary>
    /// One invite call: a status per address, in order, and the new invitations stored in one transaction (a call's
    /// invitations are all stored or none). A second copy of an address within the call is ALREADY_INVITED.
    /// </summary>
    public IReadOnlyList<string> Invite(IReadOnlyList<(string Email, int AllottedComputers)> invitees)
    {
        lock (_gate)
        {
            var statuses = new string[invitees.Count];
            // Ordered like _invitations, so the new ones are listed in the order they were sent.
            var added = new OrderedDictionary<string, PendingInvitation>(_invitations.Comparer);
            for (var i = 0; i < invitees.Count; i++)
            {
                var (email, allotted) = invitees[i];
                if (_userIndex.ContainsKey(email))
                {
                    statuses[i] = InviteStatus.Exists;
                }
                else if (_invitations.ContainsKey(email) || added.ContainsKey(email))
                {
                    statuses[i] = InviteStatus.AlreadyInvited;
                }
                else
                {
                    added[email] = new PendingInvitation(email, allotted, Today);
                    statuses[i] = InviteStatus.Invited;
                }
            }

            _store.InsertInvitations(added.Values);
            foreach (var (email, invitation) in added)
            {
                _invitations[email] = invitation;
            }

            return statuses;
        }
    }

    /// <summary>The invitee "signs up": a new active user with the invited allocation and no password they know.</summary>
    public UserRecord? AcceptInvitation(string email, string passwordHash)
    {
        lock (_gate)
        {
            if (!_invitations.TryGetValue(email, out var invitation) || _userIndex.ContainsKey(email))
            {
                return null;
            }

            var user = new UserRecord(invitation.Email, passwordHash, invitation.AllottedComputers, 0, true, Today, false);
            _store.AcceptInvitation(invitation.Email, user);
            _invitations.Remove(email);
            AddToMemory(user);
            return user;
        }
    }

    /// <summary>Applies <paramref name="change"/> to an existing user; null if there is none.</summary>
    public UserRecord? UpdateUser(string username, Func<UserRecord, UserRecord> change)
    {
        lock (_gate)
        {
            if (!_userIndex.TryGetValue(username, out var index))
            {
                return null;
            }

            var updated = change(_users[index]);
            _store.UpsertUser(updated);
            _users[index] = updated;
            return updated;
        }
    }

    public void SetApiKey(string key)
    {
        lock (_gate)
        {
            _store.SetSetting(SettingKeys.ApiKey, key);
            _apiKey = key;
        }
    }

    public void SetParentSuspended(bool suspended)
    {
        lock (_gate)
        {
            _store.SetSetting(SettingKeys.ParentSuspended, suspended ? "1" : "0");
            _parentSuspended = suspended;
        }
    }

    public bool SetIpBlocked(string normalizedIp, bool blocked)
    {
        lock (_gate)
        {
            _store.SetIpBlocked(normalizedIp, blocked);
            return blocked ? _blockedIps.Add(normalizedIp) : _blockedIps.Remove(normalizedIp);
        }
    }

    /// <summary>Generates <paramref name="count"/> more users (after forgetting everyone when <paramref name="reset"/>).</summary>
    public int SeedUsers(int count, bool reset)
    {
        if (count is < 0 or > SandboxOptions.MaxSeedUsers)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Seed between 0 and {SandboxOptions.MaxSeedUsers} users.");
        }

        lock (_gate)
        {
            if (reset)
            {
                _store.ResetPeople();
                _users.Clear();
                _userIndex.Clear();
                _invitations.Clear();
            }

            var generator = new DemoDataGenerator(_random, Today, IsTakenUnlocked);
            var users = generator.Users(count);
            _store.InsertUsers(users);
            foreach (var user in users)
            {
                AddToMemory(user);
            }

            return _users.Count;
        }
    }

    public void Dispose() => _store.Dispose();

    private void SeedInvitations(int count)
    {
        lock (_gate)
        {
            var generator = new DemoDataGenerator(_random, Today, IsTakenUnlocked);
            // In memory as they are made (the generator asks which addresses are taken), stored in one transaction.
            var seeded = new List<PendingInvitation>(count);
            foreach (var invitation in generator.Invitations(count))
            {
                _invitations[invitation.Email] = invitation;
                seeded.Add(invitation);
            }

            _store.InsertInvitations(seeded);
        }
    }

    private bool IsTakenUnlocked(string address) => _userIndex.ContainsKey(address) || _invitations.ContainsKey(address);

    private void AddToMemory(UserRecord user)
    {
        _userIndex[user.Username] = _users.Count;
        _users.Add(user);
    }
}
