using System.Globalization;
using Portal.Data;

namespace Portal.Features.Setup;

/// <summary>
/// Whether any staff account exists: the first-run question the start-up work and the setup gate ask while setup is
/// open, with one plain statement instead of Identity's UserManager over EF Core (see <see cref="PortalConnections"/>).
/// StaffAccountCheckTests hold the table's name to the EF model.
/// </summary>
public sealed class StaffAccountCheck(PortalConnections connections)
{
    public const string UsersTable = "AspNetUsers";

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = connection.Command($"""SELECT EXISTS (SELECT 1 FROM "{UsersTable}")""");
        return Convert.ToBoolean(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
