using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Audit;

public sealed record AuditFilter(string? Actor, string? Action, string? Target, DateOnly? From, DateOnly? To)
{
    public static readonly AuditFilter None = new(null, null, null, null, null);
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Rows, bool HasOlder);

/// <summary>
/// Reads the trail newest first with keyset paging (Id below the last one seen), so page 1,000 of a million rows costs
/// the same as page 1; no COUNT over the table. Actor and action match exactly (indexed), the target by prefix in any case.
/// </summary>
public sealed class AuditLogQuery(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<AuditPage> PageAsync(AuditFilter filter, long? olderThanId, int size, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Apply(db.AuditEntries.AsNoTracking(), filter);
        if (olderThanId is { } id)
        {
            query = query.Where(e => e.Id < id);
        }
        var rows = await query.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(ct);
        return new AuditPage(rows.Take(size).ToArray(), rows.Count > size);
    }

    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Apply(db.AuditEntries.AsNoTracking(), filter).OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            var actor = f.Actor.Trim();
            query = query.Where(e => e.Actor == actor);
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            query = query.Where(e => e.Action == f.Action);
        }
        if (!string.IsNullOrWhiteSpace(f.Target))
        {
            // Targets are mostly email addresses: a prefix in any case. Lower-casing both sides gives the same rows on SQLite
            // (whose LIKE ignores ASCII case) and PostgreSQL (whose LIKE does not).
            var target = f.Target.Trim().ToLowerInvariant();
            query = query.Where(e => e.Target != null && e.Target.ToLower().StartsWith(target));
        }
        if (f.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.TimestampUtc >= start);
        }
        if (f.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.TimestampUtc < end);
        }
        return query;
    }
}
