using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Portal.Hosting;

public sealed class PortalDataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>One name for every instance, so they all read each other's secrets.</summary>
    public string ApplicationName { get; set; } = "ResellerPortal";

    /// <summary>A PFX file that protects the key ring at rest. Without it the keys are stored unencrypted (a warning is logged).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Certificates used before <see cref="CertificatePath"/>: they only decrypt. Keys are never re-encrypted, and the
    /// portal's stored secrets (reseller key, API tokens) stay bound to the keys that protected them, so a retired
    /// certificate stays here for as long as keys it encrypted exist.
    /// </summary>
    public List<CertificateFile> PreviousCertificates { get; set; } = [];
}

public sealed class CertificateFile
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

public static class DataProtectionSetup
{
    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PortalDataProtectionOptions.Section).Get<PortalDataProtectionOptions>() ?? new();
        var dp = builder.Services.AddDataProtection()
            .SetApplicationName(options.ApplicationName);
        // The key ring lives in the portal database (DatabaseKeyRepository), as PersistKeysToDbContext kept it.
        builder.Services.AddSingleton<DatabaseKeyRepository>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = services.GetRequiredService<DatabaseKeyRepository>()));
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            // ProtectKeysWithCertificate also registers the certificate for decryption.
            dp.ProtectKeysWithCertificate(Load(options.CertificatePath, options.CertificatePassword, "DataProtection:CertificatePath", "DataProtection:CertificatePassword"));
        }
        var previous = options.PreviousCertificates
            .Select((c, i) => string.IsNullOrWhiteSpace(c.Path)
                ? throw new InvalidOperationException($"DataProtection:PreviousCertificates:{i}:Path is empty.")
                : Load(c.Path, c.Password, $"DataProtection:PreviousCertificates:{i}:Path", $"DataProtection:PreviousCertificates:{i}:Password"))
            .ToArray();
        if (previous.Length > 0)
        {
            dp.UnprotectKeysWithAnyCertificate(previous);
        }
        return builder;
    }

    /// <summary>
    /// Takes out DataProtection's hosted service, which only loads the key ring at start: PrepareDataProtectionKeysAsync
    /// does that in the start-up work. Left in, it loaded the ring synchronously from the database the start-up work was
    /// still creating, and held up the server's start until the first key was stored (bench/Portal.Harness row 7).
    /// Called after every other registration: Identity and antiforgery add DataProtection, and with it the service, again.
    /// </summary>
    public static WebApplicationBuilder RemoveKeyRingLoaderService(this WebApplicationBuilder builder)
    {
        foreach (var loader in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == KeyRingLoaderService).ToList())
        {
            builder.Services.Remove(loader);
        }
        return builder;
    }

    /// <summary>The framework's hosted service that loads the key ring at start (internal; a test checks the name).</summary>
    public const string KeyRingLoaderService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>
    /// Loads the key ring (creating the first key on a new database) at start-up, on the thread pool beside the other
    /// start-up work, instead of in the first request: the first page's antiforgery token needs it, and creating and storing
    /// a key cost that request tens of milliseconds (bench/Portal.Harness row 7). Then checks the ring (below).
    /// </summary>
    public static Task PrepareDataProtectionKeysAsync(this WebApplication app) => Task.Run(() =>
    {
        try
        {
            _ = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.Startup").Protect([]);
        }
        catch (Exception ex) when (ex is CryptographicException or InvalidOperationException)
        {
            // As before this ran at start-up: the portal still starts, and the check below names the unreadable keys.
            app.Logger.LogError(ex, "The DataProtection key ring could not be loaded at start-up.");
        }
        app.CheckDataProtectionKeys();
    });

    /// <summary>
    /// Warns when the key ring is stored in clear, and says plainly when keys in it cannot be decrypted (a certificate was
    /// replaced without listing the old one under PreviousCertificates): everything those keys protected is unreadable then.
    /// </summary>
    private static void CheckDataProtectionKeys(this WebApplication app)
    {
        var options = app.Configuration.GetSection(PortalDataProtectionOptions.Section).Get<PortalDataProtectionOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            app.Logger.LogWarning(
                "DataProtection keys are stored in the database WITHOUT encryption at rest. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to protect them with a certificate.");
        }
        var unreadable = new List<Guid>();
        foreach (var key in app.Services.GetRequiredService<IKeyManager>().GetAllKeys())
        {
            try
            {
                _ = key.Descriptor;
            }
            catch (Exception ex) when (ex is CryptographicException or InvalidOperationException)
            {
                unreadable.Add(key.KeyId);
            }
        }
        if (unreadable.Count > 0)
        {
            app.Logger.LogError(
                "{Count} DataProtection key(s) cannot be decrypted ({KeyIds}); secrets they protected (reseller key, API tokens, sign-in cookies) cannot be read. " +
                "If the certificate was rotated, list the old one under DataProtection:PreviousCertificates (Path and Password).",
                unreadable.Count, string.Join(", ", unreadable));
        }
    }

    private static X509Certificate2 Load(string path, string? password, string setting, string passwordSetting)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{setting} '{path}' could not be loaded (check the file and {passwordSetting}): {ex.Message}", ex);
        }
    }
}
