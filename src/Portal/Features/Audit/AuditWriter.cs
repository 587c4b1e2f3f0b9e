using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Audit;

public sealed record AuditActor(string Name, AuditActorKind Kind, string? ClientAddress)
{
    public static readonly AuditActor System = new("system", AuditActorKind.System, null);
}

/// <summary>Appends rows to the audit trail. The only writer: nothing in the app updates or deletes a row.</summary>
public sealed class AuditWriter(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, ILogger<AuditWriter> logger)
{
    public async Task WriteAsync(AuditActor actor, string action, string? target, AuditOutcome outcome, string? detail = null, CancellationToken ct = default)
    {
        var entry = new AuditEntry
        {
            TimestampUtc = time.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor.Name, 256)!,
            ActorKind = actor.Kind,
            ClientAddress = Truncate(actor.ClientAddress, 64),
            Action = action,
            Target = Truncate(target, 320),
            Outcome = outcome,
            Detail = Truncate(detail, 1000),
        };
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Set<AuditEntry>().Add(entry);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            // The action already happened; losing its audit row must be loud but must not undo it.
            logger.LogError(ex, "Could not write audit row {Action} for {Actor}", action, actor.Name);
            throw;
        }
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
