using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Portal.Data;

namespace Portal.Hosting;

/// <summary>
/// DataProtection's key ring in the portal database, in the table that <c>PersistKeysToDbContext</c> used
/// (<c>DataProtectionKeys</c>: Id, FriendlyName, Xml), through plain ADO.NET instead of EF Core.
/// <para>
/// Written by hand, which a library does too (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore): that one runs
/// its reads and writes through EF Core, and a new install creates and reads its first key on the way to its first page
/// (the page's antiforgery token needs it). Doing that through EF Core built EF's internal services and compiled a
/// query and a save there (see <see cref="PortalConnections"/>; bench/Portal.Harness row 7). The rows are the same, so
/// keys stored by either are read by the other; DatabaseKeyRepositoryTests hold the names to the EF model.
/// </para>
/// <para>
/// Keys are encrypted before they get here when a certificate is configured (DataProtection's own
/// <c>IXmlEncryptor</c>). A row that does not parse is skipped and named by its id in a warning, never by its content:
/// unencrypted, that content is the key.
/// </para>
/// </summary>
internal sealed class DatabaseKeyRepository(PortalConnections connections, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    public const string Table = "DataProtectionKeys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connections.Open();
        using var command = connection.Command($"""SELECT "Id", "Xml" FROM "{Table}" ORDER BY "Id" """);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            var id = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            if (reader.IsDBNull(1) || !TryParse(reader.GetString(1), out var element))
            {
                logger.LogWarning("DataProtection key row {RowId} in {Table} is not readable XML and is skipped.", id, Table);
                continue;
            }
            elements.Add(element);
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = connections.Open();
        using var command = connection.Command(
            $"""INSERT INTO "{Table}" ("FriendlyName", "Xml") VALUES (@friendlyName, @xml)""",
            ("@friendlyName", friendlyName), ("@xml", element.ToString(SaveOptions.DisableFormatting)));
        command.ExecuteNonQuery();
    }

    private static bool TryParse(string xml, out XElement element)
    {
        try
        {
            element = XElement.Parse(xml);
            return true;
        }
        catch (XmlException)
        {
            element = null!;
            return false;
        }
    }
}
