using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// The key ring is read and written with plain ADO.NET (DatabaseKeyRepository) in the rows PersistKeysToDbContext used,
/// so keys an earlier version stored stay readable, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class DatabaseKeyRepositoryTests : IDisposable
{
    private readonly PortalFactory _factory = PortalFactory.Create(database: TestDatabase.Shared("key-repository"), ephemeralKeys: false);

    [Fact]
    public void The_portal_keeps_its_key_ring_in_the_database_through_this_repository()
    {
        _ = _factory.Server;
        var options = _factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        Assert.IsType<DatabaseKeyRepository>(options.XmlRepository);
    }

    [Fact]
    public void Its_table_and_columns_are_the_ones_the_EF_model_maps_the_keys_to()
    {
        using var db = Db();
        var entity = db.Model.FindEntityType(typeof(DataProtectionKey))!;
        Assert.Equal(DatabaseKeyRepository.Table, entity.GetTableName());
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(DatabaseKeyRepository.Table, entity.GetSchema());
        string?[] columns = [.. new[] { nameof(DataProtectionKey.Id), nameof(DataProtectionKey.FriendlyName), nameof(DataProtectionKey.Xml) }
            .Select(p => entity.FindProperty(p)!.GetColumnName(table))];
        Assert.Equal("Id,FriendlyName,Xml", string.Join(",", columns));
    }

    [Fact]
    public async Task A_key_stored_through_EF_Core_is_read_and_a_stored_key_reads_back_through_EF_Core()
    {
        var marker = Guid.NewGuid().ToString("N");
        await using (var db = Db())
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "ef-" + marker, Xml = $"<key id=\"ef-{marker}\" />" });
            await db.SaveChangesAsync();
        }
        var repository = Repository(NullLogger());

        repository.StoreElement(new XElement("key", new XAttribute("id", "ado-" + marker)), "ado-" + marker);

        Assert.Contains(repository.GetAllElements(), e => (string?)e.Attribute("id") == "ef-" + marker);
        await using var check = Db();
        var stored = await check.DataProtectionKeys.AsNoTracking().SingleAsync(k => k.FriendlyName == "ado-" + marker);
        Assert.Equal($"<key id=\"ado-{marker}\" />", stored.Xml);
    }

    [Fact]
    public async Task A_row_that_is_not_XML_is_skipped_with_a_warning_that_names_its_id_and_not_its_content()
    {
        var secret = "not-xml-" + Guid.NewGuid().ToString("N");
        int id;
        await using (var db = Db())
        {
            var row = new DataProtectionKey { FriendlyName = "broken", Xml = secret };
            db.DataProtectionKeys.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }
        var logger = new FakeLogger<DatabaseKeyRepository>();

        var elements = Repository(logger).GetAllElements();

        Assert.DoesNotContain(elements, e => e.ToString().Contains(secret, StringComparison.Ordinal));
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains($"row {id} ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, warning.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();

    private PortalDbContext Db()
    {
        _ = _factory.Server;
        return _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
    }

    private DatabaseKeyRepository Repository(ILogger<DatabaseKeyRepository> logger)
    {
        _ = _factory.Server;
        return new DatabaseKeyRepository(_factory.Services.GetRequiredService<PortalConnections>(), logger);
    }

    private static FakeLogger<DatabaseKeyRepository> NullLogger() => new();
}
