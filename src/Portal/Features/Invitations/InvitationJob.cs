using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Invitations;

public enum InvitationJobStatus
{
    Pending,
    Running,
    Paused,
    Completed,
}

public enum InvitationItemState
{
    Pending,
    Invited,
    Exists,
    AlreadyInvited,
    Failed,
}

/// <summary>
/// One confirmed bulk invitation. Written with all its items before anything is sent; processed by the one instance
/// holding its lease (<see cref="LeaseOwner"/> until <see cref="LeaseExpiresUtc"/>). Times are UTC DateTime so SQLite can sort them.
/// </summary>
public sealed class InvitationJob
{
    public Guid Id { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public InvitationJobStatus Status { get; set; }

    /// <summary>Why the job waits: an English sentence (localizer key) a staff member can act on.</summary>
    public string? PauseReason { get; set; }

    public DateTime? PausedUtc { get; set; }

    /// <summary>The fingerprint of the API key that was rejected, so a changed key resumes the job at once.</summary>
    public string? PausedKeyFingerprint { get; set; }

    public int Total { get; set; }

    public int Invited { get; set; }

    public int Exists { get; set; }

    public int AlreadyInvited { get; set; }

    public int Failed { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }

    public int Done => Invited + Exists + AlreadyInvited + Failed;
}

/// <summary>One address of a job and everything known about sending it.</summary>
public sealed class InvitationItem
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    /// <summary>Trimmed and lower case: the key that makes a re-upload or a duplicate line the same address.</summary>
    public string Email { get; set; } = "";

    public int Computers { get; set; }

    public int BatchNumber { get; set; }

    public InvitationItemState State { get; set; }

    /// <summary>An English sentence (localizer key), or RemotePC's own status word for an unknown answer.</summary>
    public string? FailureReason { get; set; }

    /// <summary>RemotePC's status exactly as sent, when it answered for this address.</summary>
    public string? RawStatus { get; set; }

    public int Attempts { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    /// <summary>Set just before a call and cleared when it ends; still set after a crash, which means "outcome unknown".</summary>
    public bool SendInFlight { get; set; }

    /// <summary>An earlier call for this address may have been carried out (timeout after sending, dropped connection, crash).</summary>
    public bool EarlierOutcomeUnknown { get; set; }

    /// <summary>
    /// Both facts kept: a retry answered ALREADY_INVITED after an earlier call whose outcome was unknown, so most
    /// likely that earlier call is what invited the address.
    /// </summary>
    public bool AlreadyInvitedAfterUnknownOutcome { get; set; }
}

internal sealed class InvitationJobConfiguration : IEntityTypeConfiguration<InvitationJob>
{
    public void Configure(EntityTypeBuilder<InvitationJob> builder)
    {
        builder.ToTable("InvitationJobs");
        builder.Property(j => j.CreatedBy).HasMaxLength(256);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.PauseReason).HasMaxLength(500);
        builder.Property(j => j.PausedKeyFingerprint).HasMaxLength(64);
        builder.Property(j => j.LeaseOwner).HasMaxLength(128);
        builder.Ignore(j => j.Done);
        builder.HasIndex(j => j.CreatedUtc);
        builder.HasIndex(j => j.Status);
        builder.HasMany<InvitationItem>().WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationItemConfiguration : IEntityTypeConfiguration<InvitationItem>
{
    public void Configure(EntityTypeBuilder<InvitationItem> builder)
    {
        builder.ToTable("InvitationItems");
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.FailureReason).HasMaxLength(500);
        builder.Property(i => i.RawStatus).HasMaxLength(64);
        // One row per address per job: the database itself refuses a duplicate send within a job.
        builder.HasIndex(i => new { i.JobId, i.Email }).IsUnique();
        builder.HasIndex(i => new { i.JobId, i.State, i.BatchNumber });
    }
}
