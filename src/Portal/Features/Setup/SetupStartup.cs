using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Staff;

namespace Portal.Features.Setup;

public static class SetupStartup
{
    /// <summary>Creates the roles, applies the unattended bootstrap if configured, and otherwise logs the setup code.</summary>
    public static async Task InitializeStaffAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await CreateRoleAsync(roles, services.GetRequiredService<PortalDbContext>(), role);
            }
        }

        var accounts = services.GetRequiredService<StaffAccountService>();
        var state = services.GetRequiredService<SetupState>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Setup");
        if (await accounts.AnyAsync())
        {
            state.MarkComplete();
            return;
        }

        var bootstrap = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminEmail) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            var result = await CreateBootstrapAdminAsync(accounts, bootstrap);
            // Losing the race to another instance can also surface as Identity's "already taken" failure; then an account exists.
            if (!result.Succeeded && !await accounts.AnyAsync())
            {
                throw new InvalidOperationException(
                    "Portal:Bootstrap:AdminEmail / Portal:Bootstrap:AdminPassword could not create the first Admin: " + string.Join(" ", result.Errors));
            }
            state.MarkComplete();
            logger.LogInformation("Created the first Admin from Portal:Bootstrap settings.");
            return;
        }

        logger.LogWarning("No staff account exists yet. Open /setup and enter the one-time setup code {SetupCode} to create the first Admin.", state.Code);
    }

    // Several instances starting at once on an empty database all see the role missing; the unique index lets one win.
    private static async Task CreateRoleAsync(RoleManager<IdentityRole> roles, PortalDbContext db, string role)
    {
        var created = new IdentityRole(role);
        try
        {
            await roles.CreateAsync(created);
        }
        catch (DbUpdateException)
        {
            // The losing insert stays tracked as Added in this scope's context, and the bootstrap Admin's SaveChanges
            // would try it again (RoleNameIndex, seen with three instances on PostgreSQL): forget it first.
            db.Entry(created).State = EntityState.Detached;
            // Another instance may have created it first.
            if (!await roles.RoleExistsAsync(role))
            {
                throw;
            }
        }
    }

    // Likewise for the bootstrap Admin: the instance that loses the race sees the account another one made.
    private static async Task<StaffResult> CreateBootstrapAdminAsync(StaffAccountService accounts, BootstrapOptions bootstrap)
    {
        try
        {
            return await accounts.CreateAsync(bootstrap.AdminEmail!, "Administrator", StaffRoles.Admin, bootstrap.AdminPassword!);
        }
        catch (DbUpdateException)
        {
            if (!await accounts.AnyAsync())
            {
                throw;
            }
            // What this step is for, the first Admin, exists.
            return StaffResult.Ok;
        }
    }
}
