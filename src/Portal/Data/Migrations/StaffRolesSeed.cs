namespace Portal.Data.Migrations;

/// <summary>
/// The three staff roles as reference data of the schema: a new database has them once migrated, so start-up no longer
/// creates them through the RoleManager (its first queries and saves were about 300 ms of every cold start,
/// bench/Portal.Harness row 7). A database that got them that way keeps its rows: each insert only adds a missing name.
/// Migrations that have run use this SQL, so it never changes; a new role needs a new migration.
/// </summary>
internal static class StaffRolesSeed
{
    // Fixed ids and stamps, so every new database is alike; the ids follow Identity's form (a GUID string).
    private static readonly (string Id, string Name, string Stamp)[] Roles =
    [
        ("5d2f1f9e-6a0b-4c1e-9a53-2b7a0c8e1a01", "Admin", "0b8e6a52-3f0c-4a6e-8f3d-6c1a9e2b7d01"),
        ("5d2f1f9e-6a0b-4c1e-9a53-2b7a0c8e1a02", "Operator", "0b8e6a52-3f0c-4a6e-8f3d-6c1a9e2b7d02"),
        ("5d2f1f9e-6a0b-4c1e-9a53-2b7a0c8e1a03", "Viewer", "0b8e6a52-3f0c-4a6e-8f3d-6c1a9e2b7d03"),
    ];

    /// <summary>One statement per role, valid on SQLite and PostgreSQL alike.</summary>
    public static IEnumerable<string> InsertMissing() => Roles.Select(role =>
        $"""
        INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
        SELECT '{role.Id}', '{role.Name}', '{role.Name.ToUpperInvariant()}', '{role.Stamp}'
        WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = '{role.Name.ToUpperInvariant()}');
        """);
}
