using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.ApiUsers;

/// <summary>An API user as the API and the staff page show it; times already in the configured zone.</summary>
public sealed record ApiUserView(
    string ApiKey, DateTime StartTime, DateTime EndTime, DateTime EndTimeUtc, string? IPv4, string? IPv6,
    bool IsAdmin, bool IsDeleted, DateTime? LastUsedUtc, string CreatedBy);

public enum CredentialStatus
{
    /// <summary>Unknown apikey or wrong token: 401, always the same answer.</summary>
    Invalid,
    Deleted,
    Expired,
    WrongAddress,
    Valid,
}

public sealed record CredentialCheck(CredentialStatus Status, int ApiUserId, string? ApiKey, bool IsAdmin, DateTime EndTimeUtc);

public sealed record IssuedSessionToken(string Token, DateTime ExpiresUtc, DateTime ExpiresLocal);

/// <summary>
/// The one place API users and session tokens are created, checked and changed; used by the admin API,
/// /cli-credential, the ApiCredential scheme and the staff page alike.
/// </summary>
public sealed class ApiUserService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ApiUserLookup lookup,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<ApiUsersOptions> options,
    AuditWriter audit)
{
    public const string TokenPurpose = "Portal.ApiUserToken.v1";

    /// <summary>How stale LastUsedUtc may get before a valid call writes it again.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private static readonly CredentialCheck InvalidCheck = new(CredentialStatus.Invalid, 0, null, false, default);
    private readonly IDataProtector _protector = dataProtection.CreateProtector(TokenPurpose);
    private readonly TimeZoneInfo _zone = options.Value.ResolveTimeZone();

    public TimeZoneInfo Zone => _zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    /// <summary>A wall-clock time of the configured zone to UTC; false for a time skipped by a DST change.</summary>
    public bool TryToUtc(DateTime local, out DateTime utc)
    {
        utc = default;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            return false;
        }
        try
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(local, _zone);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async Task<(ApiUserView User, string Token)> CreateAsync(string? prefix, IPAddress ip, DateTime endTimeUtc, bool isAdmin, AuditActor actor, CancellationToken ct = default)
    {
        ip = ApiInput.Normalize(ip);
        var token = ApiInput.RandomPart(ApiInput.TokenLength);
        var user = new ApiUser
        {
            ApiKey = ApiInput.NewApiKey(prefix),
            ProtectedToken = _protector.Protect(token),
            TokenHash = ApiInput.Hash(token),
            IPv4 = ip.AddressFamily == AddressFamily.InterNetwork ? ip.ToString() : null,
            IPv6 = ip.AddressFamily == AddressFamily.InterNetworkV6 ? ip.ToString() : null,
            StartTimeUtc = UtcNow,
            EndTimeUtc = endTimeUtc,
            IsAdmin = isAdmin,
            CreatedBy = actor.Name,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Set<ApiUser>().Add(user);
            await db.SaveChangesAsync(ct);
        }
        await audit.WriteAsync(actor, AuditActions.ApiUserCreated, user.ApiKey, AuditOutcome.Success,
            $"ip {ip}, endtime {ApiInput.FormatTime(ToLocal(endTimeUtc))}{(isAdmin ? ", admin" : "")}", ct);
        return (ToView(user), token);
    }

    public async Task<IReadOnlyList<ApiUserView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Set<ApiUser>().AsNoTracking().OrderBy(u => u.IsDeleted).ThenBy(u => u.EndTimeUtc).ToListAsync(ct);
        return users.Select(ToView).ToList();
    }

    /// <summary>The user and its token (decrypted), or null when the apikey is unknown. Deleted users are returned.</summary>
    public async Task<(ApiUserView User, string Token)?> GetAsync(string apiKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Set<ApiUser>().AsNoTracking().SingleOrDefaultAsync(u => u.ApiKey == apiKey, ct);
        return user is null ? null : (ToView(user), _protector.Unprotect(user.ProtectedToken));
    }

    /// <summary>Sets a new endtime; false when the apikey is unknown or deleted.</summary>
    public async Task<bool> ExtendAsync(string apiKey, DateTime endTimeUtc, AuditActor actor, CancellationToken ct = default)
    {
        int changed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            changed = await db.Set<ApiUser>().Where(u => u.ApiKey == apiKey && !u.IsDeleted)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.EndTimeUtc, DateTime.SpecifyKind(endTimeUtc, DateTimeKind.Utc)), ct);
        }
        if (changed > 0)
        {
            await audit.WriteAsync(actor, AuditActions.ApiUserExtended, apiKey, AuditOutcome.Success,
                $"endtime {ApiInput.FormatTime(ToLocal(endTimeUtc))}", ct);
        }
        return changed > 0;
    }

    /// <summary>Sets the delete flag and drops its session tokens; false when unknown or already deleted.</summary>
    public async Task<bool> DeleteAsync(string apiKey, AuditActor actor, CancellationToken ct = default)
    {
        int changed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            changed = await db.Set<ApiUser>().Where(u => u.ApiKey == apiKey && !u.IsDeleted)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeleted, true), ct);
            if (changed > 0)
            {
                // Tokens are also checked against the user on every use; removing them is tidiness, not the guard.
                await db.Set<SessionToken>().Where(t => t.ApiUser!.ApiKey == apiKey).ExecuteDeleteAsync(ct);
            }
        }
        if (changed > 0)
        {
            await audit.WriteAsync(actor, AuditActions.ApiUserDeleted, apiKey, AuditOutcome.Success, null, ct);
        }
        return changed > 0;
    }

    /// <summary>
    /// Checks an apikey/token pair from <paramref name="client"/>. Unknown key and wrong token are one answer
    /// (Invalid) and cost the same hash comparison; deleted, expired and wrong address are checked on every call.
    /// </summary>
    public async Task<CredentialCheck> CheckAsync(string? apiKey, string? token, IPAddress? client, CancellationToken ct = default)
    {
        if (!IsPlausibleKey(apiKey) || string.IsNullOrEmpty(token) || token.Length > ApiCredentialVerifier.MaxTokenLength)
        {
            return InvalidCheck;
        }
        var user = await lookup.FindAsync(apiKey, ct);
        return await ConcludeAsync(user, ApiCredentialVerifier.Verify(token, user, client, UtcNow), ct);
    }

    /// <summary>
    /// <see cref="CheckAsync"/> with the <c>Token</c> header still BASE64, as the integration API receives it: decoding it
    /// in a stack buffer keeps the per-call check off the heap.
    /// </summary>
    public async Task<CredentialCheck> CheckEncodedAsync(string? apiKey, string? encodedToken, IPAddress? client, CancellationToken ct = default)
    {
        if (!IsPlausibleKey(apiKey) || string.IsNullOrWhiteSpace(encodedToken))
        {
            return InvalidCheck;
        }
        var user = await lookup.FindAsync(apiKey, ct);
        return await ConcludeAsync(user, ApiCredentialVerifier.VerifyEncoded(encodedToken, user, client, UtcNow), ct);
    }

    private static bool IsPlausibleKey([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? apiKey) =>
        !string.IsNullOrEmpty(apiKey) && apiKey.Length <= 256;

    private async Task<CredentialCheck> ConcludeAsync(ApiUser? user, CredentialStatus status, CancellationToken ct)
    {
        if (status == CredentialStatus.Invalid || user is null)
        {
            return InvalidCheck;
        }
        if (status == CredentialStatus.Valid)
        {
            await TouchAsync(user, UtcNow, ct);
        }
        return new CredentialCheck(status, user.Id, user.ApiKey, user.IsAdmin, user.EndTimeUtc);
    }

    /// <summary>
    /// Records LastUsedUtc at most once per <see cref="LastUsedResolution"/>: the staff page shows when a key was last
    /// used, not each call, and a write per call was what bounded the API's throughput (two SQLite writes per request).
    /// </summary>
    private async Task TouchAsync(ApiUser user, DateTime now, CancellationToken ct)
    {
        if (user.LastUsedUtc is { } last && now - last < LastUsedResolution && last <= now)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<ApiUser>().Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastUsedUtc, now), ct);
    }

    /// <summary>A new session token for a checked, valid API user; never valid past the user's endtime.</summary>
    public async Task<IssuedSessionToken> IssueSessionTokenAsync(CredentialCheck user, AuditActor actor, CancellationToken ct = default)
    {
        if (user.Status != CredentialStatus.Valid)
        {
            throw new InvalidOperationException("Session tokens are issued only to a valid API user.");
        }
        var now = UtcNow;
        var expires = now + options.Value.SessionTokenLifetime;
        if (expires > user.EndTimeUtc)
        {
            expires = user.EndTimeUtc;
        }
        var token = ApiInput.RandomPart(ApiInput.SessionTokenLength);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Expired tokens of this user go as new ones come; nothing else ever reads them.
            await db.Set<SessionToken>().Where(t => t.ApiUserId == user.ApiUserId && t.ExpiresUtc <= now).ExecuteDeleteAsync(ct);
            db.Set<SessionToken>().Add(new SessionToken { TokenHash = ApiInput.Hash(token), ApiUserId = user.ApiUserId, CreatedUtc = now, ExpiresUtc = expires });
            await db.SaveChangesAsync(ct);
        }
        await audit.WriteAsync(actor, AuditActions.SessionTokenIssued, user.ApiKey, AuditOutcome.Success,
            $"expires {ApiInput.FormatTime(ToLocal(expires))}", ct);
        return new IssuedSessionToken(token, expires, ToLocal(expires));
    }

    /// <summary>The API user behind a session token, checked now: unexpired token, user neither deleted nor expired.</summary>
    public async Task<CredentialCheck> CheckSessionTokenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return InvalidCheck;
        }
        var hash = ApiInput.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<SessionToken>().AsNoTracking().Include(t => t.ApiUser).SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = UtcNow;
        if (row?.ApiUser is not { } user || !CryptographicOperations.FixedTimeEquals(hash, row.TokenHash) || now >= row.ExpiresUtc)
        {
            return InvalidCheck;
        }
        var status = user.IsDeleted ? CredentialStatus.Deleted : now >= user.EndTimeUtc ? CredentialStatus.Expired : CredentialStatus.Valid;
        if (status == CredentialStatus.Valid)
        {
            await TouchAsync(user, now, ct);
        }
        return new CredentialCheck(status, user.Id, user.ApiKey, user.IsAdmin, user.EndTimeUtc);
    }

    private ApiUserView ToView(ApiUser u) => new(
        u.ApiKey, ToLocal(u.StartTimeUtc).Date, ToLocal(u.EndTimeUtc), u.EndTimeUtc, u.IPv4, u.IPv6, u.IsAdmin, u.IsDeleted, u.LastUsedUtc, u.CreatedBy);
}
