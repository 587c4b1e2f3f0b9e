using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Features.ApiUsers;

/// <summary>
/// A registered API user: the tuple {apikey, token, bound IP}. The token is kept twice, never in clear:
/// encrypted (DataProtection, so staff and GET can show it again) and as a SHA-256 hash (the lookup).
/// Times are stored in UTC and shown in the configured time zone (ApiUsersOptions.TimeZone).
/// </summary>
public sealed class ApiUser
{
    public int Id { get; set; }

    public string ApiKey { get; set; } = "";

    public string ProtectedToken { get; set; } = "";

    public byte[] TokenHash { get; set; } = [];

    public string? IPv4 { get; set; }

    public string? IPv6 { get; set; }

    public DateTime StartTimeUtc { get; set; }

    public DateTime EndTimeUtc { get; set; }

    public bool IsAdmin { get; set; }

    public bool IsDeleted { get; set; }

    /// <summary>The staff email or admin apikey that created it.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTime? LastUsedUtc { get; set; }
}

/// <summary>A session token from /cli-credential, stored only as its SHA-256 hash.</summary>
public sealed class SessionToken
{
    public long Id { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public int ApiUserId { get; set; }

    public ApiUser? ApiUser { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal static class UtcConverters
{
    // SQLite hands DateTime back as Unspecified; Npgsql's timestamptz insists on Utc. Both become Utc here.
    public static readonly ValueConverter<DateTime, DateTime> Utc =
        new(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public static readonly ValueConverter<DateTime?, DateTime?> NullableUtc =
        new(v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v,
            v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

internal sealed class ApiUserConfiguration : IEntityTypeConfiguration<ApiUser>
{
    public void Configure(EntityTypeBuilder<ApiUser> builder)
    {
        builder.ToTable("ApiUsers");
        builder.Property(u => u.ApiKey).HasMaxLength(256).IsRequired();
        builder.HasIndex(u => u.ApiKey).IsUnique();
        builder.Property(u => u.ProtectedToken).HasMaxLength(4096).IsRequired();
        builder.Property(u => u.TokenHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(u => u.TokenHash);
        builder.Property(u => u.IPv4).HasMaxLength(15);
        builder.Property(u => u.IPv6).HasMaxLength(45);
        builder.Property(u => u.CreatedBy).HasMaxLength(256);
        builder.Property(u => u.StartTimeUtc).HasConversion(UtcConverters.Utc);
        builder.Property(u => u.EndTimeUtc).HasConversion(UtcConverters.Utc);
        builder.Property(u => u.LastUsedUtc).HasConversion(UtcConverters.NullableUtc);
    }
}

internal sealed class SessionTokenConfiguration : IEntityTypeConfiguration<SessionToken>
{
    public void Configure(EntityTypeBuilder<SessionToken> builder)
    {
        builder.ToTable("ApiSessionTokens");
        builder.Property(t => t.TokenHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.ExpiresUtc);
        builder.HasOne(t => t.ApiUser).WithMany().HasForeignKey(t => t.ApiUserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.ExpiresUtc).HasConversion(UtcConverters.Utc);
        builder.Property(t => t.CreatedUtc).HasConversion(UtcConverters.Utc);
    }
}
