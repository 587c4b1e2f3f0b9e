using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using RemotePc;

namespace Portal.Features.Settings;

/// <summary>
/// The singleton the client's Bearer handler reads. The key is decrypted once and kept in server memory only;
/// a candidate key being tested flows through an AsyncLocal so the test call uses it without storing it.
/// Another instance may replace the key in the shared database, so a cached key older than <see cref="RecheckAfter"/> is
/// compared with the stored row's time (one small query) and reloaded when it changed.
/// </summary>
public sealed class ResellerKeyStore(IDbContextFactory<PortalDbContext> dbFactory, IDataProtectionProvider dataProtection, TimeProvider time)
    : IRemotePcKeyStore
{
    public const string Purpose = "Portal.ResellerKey.v1";

    /// <summary>How long another instance's key change may go unnoticed here.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(10);

    private static readonly AsyncLocal<string?> Candidate = new();
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private volatile KeyHolder? _cached;

    public async ValueTask<string?> GetKeyAsync(CancellationToken ct)
    {
        if (Candidate.Value is { } candidate)
        {
            return candidate;
        }
        if (_cached is { } cached && time.GetUtcNow() - cached.CheckedUtc < RecheckAfter)
        {
            return cached.Key;
        }
        await _loadLock.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is not { } current || now - current.CheckedUtc >= RecheckAfter)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                // Only a cached key needs the cheap check of the row's time; without one the row is read at once.
                if (_cached is { } unchanged
                    && await db.Set<ResellerKeyRecord>().OrderBy(k => k.Id).Select(r => (DateTime?)r.SetUtc).FirstOrDefaultAsync(ct) == unchanged.SetUtc)
                {
                    _cached = unchanged with { CheckedUtc = now };
                }
                else
                {
                    var record = await db.Set<ResellerKeyRecord>().AsNoTracking().OrderBy(k => k.Id).FirstOrDefaultAsync(ct);
                    if (record is null)
                    {
                        // Not cached: on a fresh install the embedded sandbox stores its key moments after the start,
                        // perhaps through another instance, and the next call must see it.
                        _cached = null;
                        return null;
                    }
                    _cached = new KeyHolder(_protector.Unprotect(record.ProtectedKey), record.SetUtc, now);
                }
            }
            return _cached.Key;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    /// <summary>Calls made inside the returned scope use <paramref name="key"/> instead of the stored one.</summary>
    public static IDisposable UseCandidate(string key)
    {
        Candidate.Value = key;
        return new CandidateScope();
    }

    internal string Protect(string key) => _protector.Protect(key);

    internal void Forget() => _cached = null;

    public static string Fingerprint(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
        var tail = key.Length >= 8 ? key[^4..] : "";
        return tail.Length > 0 ? $"…{tail} · {hash}" : hash;
    }

    private sealed record KeyHolder(string Key, DateTime SetUtc, DateTimeOffset CheckedUtc);

    private sealed class CandidateScope : IDisposable
    {
        public void Dispose() => Candidate.Value = null;
    }
}
