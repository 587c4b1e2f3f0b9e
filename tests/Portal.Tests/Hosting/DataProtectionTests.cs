using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>The key ring lives in the database: a restarted instance (or a second one) reads what the first protected.</summary>
public sealed class DataProtectionTests : IDisposable
{
    private const string Purpose = "Portal.Tests.Secret";
    private readonly TestDatabase _database = TestDatabase.Shared("dp");

    public void Dispose() => _database.Dispose();

    private PortalFactory Host(string? applicationName = null)
    {
        var factory = PortalFactory.Create(database: _database, ephemeralKeys: false);
        return applicationName is null ? factory : factory.WithSetting("DataProtection:ApplicationName", applicationName);
    }

    private static IDataProtector Protector(PortalFactory host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    [Fact]
    public void A_secret_protected_before_a_restart_is_readable_after_it_but_not_under_another_application_name()
    {
        string protectedSecret;
        using (var first = Host())
        {
            protectedSecret = Protector(first).Protect("api-key-123");
        }

        using (var restarted = Host())
        {
            Assert.Equal("api-key-123", Protector(restarted).Unprotect(protectedSecret));
        }

        using var stranger = Host(applicationName: "SomeOtherPortal");
        Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Unprotect(protectedSecret));
    }
}
