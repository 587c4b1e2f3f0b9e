using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Features.Audit;

/// <summary>
/// Makes the trail append-only for everything that goes through a context: changing or removing a tracked audit row
/// throws. The retention job deletes with a set-based statement on purpose, and is the only code that does.
/// </summary>
internal sealed class AppendOnlyAuditInterceptor : SaveChangesInterceptor
{
    public static readonly AppendOnlyAuditInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) == true)
        {
            throw new InvalidOperationException("The audit trail is append-only: audit rows cannot be changed or deleted.");
        }
    }
}
