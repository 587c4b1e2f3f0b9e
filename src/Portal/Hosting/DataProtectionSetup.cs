using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Portal.Data;

namespace Portal.Hosting;

public sealed class PortalDataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>One name for every instance, so they all read each other's secrets.</summary>
    public string ApplicationName { get; set; } = "ResellerPortal";

    /// <summary>A PFX file that protects the key ring at rest. Without it the keys are stored unencrypted (a warning is logged).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class DataProtectionSetup
{
    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PortalDataProtectionOptions.Section).Get<PortalDataProtectionOptions>() ?? new();
        var dp = builder.Services.AddDataProtection()
            .SetApplicationName(options.ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"DataProtection:CertificatePath '{options.CertificatePath}' could not be loaded (check the file and DataProtection:CertificatePassword): {ex.Message}", ex);
            }
            dp.ProtectKeysWithCertificate(certificate);
        }
        return builder;
    }

    public static void WarnIfKeysUnprotected(this WebApplication app)
    {
        var options = app.Configuration.GetSection(PortalDataProtectionOptions.Section).Get<PortalDataProtectionOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            app.Logger.LogWarning(
                "DataProtection keys are stored in the database WITHOUT encryption at rest. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to protect them with a certificate.");
        }
    }
}
