using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Settings;

/// <summary>The reseller's RemotePC API key (one row), encrypted with its own DataProtection purpose.</summary>
public sealed class ResellerKeyRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string ProtectedKey { get; set; } = "";

    /// <summary>Last four characters and a short hash: enough to recognise a key, useless to use it.</summary>
    public string Fingerprint { get; set; } = "";

    public string SetBy { get; set; } = "";

    public DateTime SetUtc { get; set; }

    public DateTime? LastTestUtc { get; set; }

    public bool? LastTestOk { get; set; }

    public int? LastTestLatencyMs { get; set; }

    public string? LastTestProblem { get; set; }
}

internal sealed class ResellerKeyRecordConfiguration : IEntityTypeConfiguration<ResellerKeyRecord>
{
    public void Configure(EntityTypeBuilder<ResellerKeyRecord> builder)
    {
        builder.ToTable("ResellerKey");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.Property(r => r.SetBy).HasMaxLength(256);
        builder.Property(r => r.LastTestProblem).HasMaxLength(32);
    }
}
