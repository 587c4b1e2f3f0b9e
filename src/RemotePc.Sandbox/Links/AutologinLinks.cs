using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace RemotePc.Sandbox.Links;

/// <summary>
/// One-time, short-lived sign-in links like RemotePC's <c>rpc_redirect_link</c>. Entries are keyed by a hash of
/// the token so the token itself is never held (or dumped, or logged) after it was handed out. Used and expired
/// entries are kept a while longer so a second visit can say "already used"/"expired" (410) instead of 404.
/// </summary>
internal sealed class AutologinLinks
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public AutologinLinks(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    public string Issue(string username)
    {
        var now = _time.GetUtcNow();
        Purge(now);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _entries[KeyOf(token)] = new Entry(username, now + _lifetime);
        return token;
    }

    public LinkRedemption Redeem(string token)
    {
        if (!_entries.TryGetValue(KeyOf(token), out var entry))
        {
            return new LinkRedemption(LinkOutcome.Unknown, null);
        }

        if (_time.GetUtcNow() >= entry.ExpiresAt)
        {
            return new LinkRedemption(LinkOutcome.Expired, null);
        }

        // Interlocked so two concurrent visits cannot both sign in.
        return Interlocked.Exchange(ref entry.Used, 1) == 0
            ? new LinkRedemption(LinkOutcome.SignedIn, entry.Username)
            : new LinkRedemption(LinkOutcome.AlreadyUsed, null);
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt + Retention < now)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed class Entry(string username, DateTimeOffset expiresAt)
    {
        public int Used;

        public string Username { get; } = username;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }
}
