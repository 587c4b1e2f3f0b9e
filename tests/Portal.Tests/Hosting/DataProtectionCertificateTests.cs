using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;

namespace Portal.Tests.Hosting;

/// <summary>
/// The key ring encrypted at rest with a certificate, and its rotation: keys written under certificate 1 stay readable
/// after a restart with certificate 2 while certificate 1 is listed as previous, and without it the portal says so.
/// Certificates are generated here, as `openssl req -x509 ...` would make them.
/// </summary>
public sealed class DataProtectionCertificateTests : IDisposable
{
    private const string Purpose = "Portal.Tests.Secret";
    private readonly TestDatabase _database = TestDatabase.Shared("dpcert");
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-certs-").FullName;

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string CreatePfx(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var path = Path.Combine(_directory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private SecurityFactory Host(Dictionary<string, string?> settings) => SecurityFactory.Create(new SecurityFactoryOptions
    {
        Database = _database,
        EphemeralKeys = false,
        CaptureLogs = true,
        Settings = settings,
    });

    private static IDataProtector Protector(SecurityFactory host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static bool ReportsUnreadableKeys(SecurityFactory host) =>
        host.Logs.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("DataProtection:PreviousCertificates", StringComparison.Ordinal));

    [Fact]
    public async Task Keys_written_under_the_old_certificate_are_read_after_rotation_only_while_it_is_listed_as_previous()
    {
        var first = CreatePfx("portal-dp-2025", "first-pfx-pw");
        var second = CreatePfx("portal-dp-2026", "second-pfx-pw");
        string protectedSecret;

        using (var original = Host(new() { ["DataProtection:CertificatePath"] = first, ["DataProtection:CertificatePassword"] = "first-pfx-pw" }))
        {
            protectedSecret = Protector(original).Protect("reseller-secret");
            await using var db = await original.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
            Assert.NotEmpty(keys);
            // At rest the key material is an EncryptedData element, never the raw <masterKey><value>.
            Assert.All(keys, k => Assert.Contains("EncryptedData", k.Xml, StringComparison.Ordinal));
            Assert.All(keys, k => Assert.DoesNotContain("<value>", k.Xml, StringComparison.Ordinal));
            Assert.False(ReportsUnreadableKeys(original));
        }

        using (var rotated = Host(new()
        {
            ["DataProtection:CertificatePath"] = second,
            ["DataProtection:CertificatePassword"] = "second-pfx-pw",
            ["DataProtection:PreviousCertificates:0:Path"] = first,
            ["DataProtection:PreviousCertificates:0:Password"] = "first-pfx-pw",
        }))
        {
            Assert.Equal("reseller-secret", Protector(rotated).Unprotect(protectedSecret));
            Assert.False(ReportsUnreadableKeys(rotated));
        }

        using var forgotten = Host(new() { ["DataProtection:CertificatePath"] = second, ["DataProtection:CertificatePassword"] = "second-pfx-pw" });
        Assert.ThrowsAny<CryptographicException>(() => Protector(forgotten).Unprotect(protectedSecret));
        Assert.True(ReportsUnreadableKeys(forgotten), "start-up did not say that keys cannot be decrypted");
    }

    [Fact]
    public void A_previous_certificate_that_cannot_be_loaded_stops_start_up_naming_the_setting()
    {
        var current = CreatePfx("portal-dp-current", "pw");
        var message = StartupFailure.Of(Host(new()
        {
            ["DataProtection:CertificatePath"] = current,
            ["DataProtection:CertificatePassword"] = "pw",
            ["DataProtection:PreviousCertificates:0:Path"] = CreatePfx("portal-dp-old", "right-pw"),
            ["DataProtection:PreviousCertificates:0:Password"] = "wrong-pw",
        }));

        Assert.Contains("DataProtection:PreviousCertificates:0:Path", message, StringComparison.Ordinal);
    }
}
