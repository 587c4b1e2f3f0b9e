using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Connection;
using RemotePc;

namespace Portal.Features.Settings;

public sealed record ResellerKeyStatus(
    bool HasKey, string? Fingerprint, string? SetBy, DateTime? SetUtc,
    DateTime? LastTestUtc, bool? LastTestOk, int? LastTestLatencyMs, UpstreamProblem LastTestProblem);

public sealed record ConnectionTestResult(bool Ok, UpstreamProblem Problem, int LatencyMs, int? UserCount);

/// <summary>Sets, replaces and tests the reseller key. A key is tested with a real user/list call before it is stored.</summary>
public sealed class ResellerKeyService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResellerKeyStore store,
    IRemotePcClient client,
    AuditWriter audit,
    TimeProvider time)
{
    public async Task<ResellerKeyStatus> GetStatusAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Set<ResellerKeyRecord>().AsNoTracking().OrderBy(k => k.Id).FirstOrDefaultAsync(ct);
        return r is null
            ? new ResellerKeyStatus(false, null, null, null, null, null, null, UpstreamProblem.None)
            : new ResellerKeyStatus(true, r.Fingerprint, r.SetBy, r.SetUtc, r.LastTestUtc, r.LastTestOk, r.LastTestLatencyMs,
                Enum.TryParse<UpstreamProblem>(r.LastTestProblem, out var p) ? p : UpstreamProblem.None);
    }

    /// <summary>Tests <paramref name="key"/>; stores it when the test passes, or when <paramref name="storeEvenIfTestFails"/> (e.g. the whitelist is not set up yet).</summary>
    public async Task<(bool Stored, ConnectionTestResult Test)> SetKeyAsync(string key, bool storeEvenIfTestFails, AuditActor actor, CancellationToken ct = default)
    {
        key = key.Trim();
        ConnectionTestResult test;
        using (ResellerKeyStore.UseCandidate(key))
        {
            test = await RunTestAsync(ct);
        }
        var replaced = (await GetStatusAsync(ct)).HasKey;
        var action = replaced ? AuditActions.ResellerKeyReplaced : AuditActions.ResellerKeySet;
        if (!test.Ok && !storeEvenIfTestFails)
        {
            await audit.WriteAsync(actor, action, ResellerKeyStore.Fingerprint(key), AuditOutcome.Failure, $"test failed: {test.Problem}", ct);
            return (false, test);
        }
        await SaveAsync(key, actor.Name, test, ct);
        await audit.WriteAsync(actor, action, ResellerKeyStore.Fingerprint(key), AuditOutcome.Success, test.Ok ? "test passed" : $"stored although the test failed: {test.Problem}", ct);
        return (true, test);
    }

    /// <summary>Stores a key without a test: the in-process sandbox's key at first start.</summary>
    public Task StoreTrustedAsync(string key, string setBy, CancellationToken ct = default) =>
        SaveAsync(key, setBy, null, ct);

    public async Task<ConnectionTestResult> TestStoredKeyAsync(AuditActor actor, CancellationToken ct = default)
    {
        var test = await RunTestAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Set<ResellerKeyRecord>().ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastTestUtc, time.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.LastTestOk, test.Ok)
                .SetProperty(r => r.LastTestLatencyMs, test.LatencyMs)
                .SetProperty(r => r.LastTestProblem, test.Problem.ToString()), ct);
        }
        await audit.WriteAsync(actor, AuditActions.ResellerKeyTested, null, test.Ok ? AuditOutcome.Success : AuditOutcome.Failure,
            test.Ok ? $"{test.LatencyMs} ms, {test.UserCount} users" : test.Problem.ToString(), ct);
        return test;
    }

    private async Task<ConnectionTestResult> RunTestAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var list = await client.ListUsersAsync(ct);
            return new ConnectionTestResult(true, UpstreamProblem.None, (int)watch.ElapsedMilliseconds, list.Users.Count);
        }
        catch (RemotePcException ex)
        {
            return new ConnectionTestResult(false, UpstreamProblems.Classify(ex), (int)watch.ElapsedMilliseconds, null);
        }
    }

    private async Task SaveAsync(string key, string setBy, ConnectionTestResult? test, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Set<ResellerKeyRecord>().OrderBy(k => k.Id).FirstOrDefaultAsync(ct);
        if (record is null)
        {
            record = new ResellerKeyRecord();
            db.Add(record);
        }
        record.ProtectedKey = store.Protect(key);
        record.Fingerprint = ResellerKeyStore.Fingerprint(key);
        record.SetBy = setBy;
        record.SetUtc = time.GetUtcNow().UtcDateTime;
        record.LastTestUtc = test is null ? null : record.SetUtc;
        record.LastTestOk = test?.Ok;
        record.LastTestLatencyMs = test?.LatencyMs;
        record.LastTestProblem = test?.Problem.ToString();
        await db.SaveChangesAsync(ct);
        store.Forget();
    }
}
