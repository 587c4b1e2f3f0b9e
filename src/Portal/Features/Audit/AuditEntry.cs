using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Audit;

/// <summary>One row of the append-only audit trail. Never holds a secret: no keys, tokens, passwords or redirect links.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime TimestampUtc { get; set; }

    /// <summary>A staff account's email, an API user's apikey, or "system".</summary>
    public string Actor { get; set; } = "";

    public AuditActorKind ActorKind { get; set; }

    public string? ClientAddress { get; set; }

    public string Action { get; set; } = "";

    public string? Target { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>Free text a person reads (a reason, an error description); never a secret.</summary>
    public string? Detail { get; set; }
}

public enum AuditActorKind
{
    System,
    Staff,
    ApiUser,
}

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(320);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        // Paging newest-first over a million rows, and the filters of the audit page.
        builder.HasIndex(e => e.TimestampUtc);
        builder.HasIndex(e => new { e.Actor, e.TimestampUtc });
        builder.HasIndex(e => new { e.Action, e.TimestampUtc });
    }
}
