using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Features.Staff;

namespace Portal.Features.Setup;

public static class SetupStartup
{
    /// <summary>
    /// Applies the unattended bootstrap if configured, and otherwise logs the setup code. The roles come with the schema
    /// (migration StaffRoles).
    /// </summary>
    public static async Task InitializeStaffAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var state = services.GetRequiredService<SetupState>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Setup");
        // Identity (and EF Core) only when an account is to be created: see PortalConnections.
        if (await services.GetRequiredService<StaffAccountCheck>().AnyAsync())
        {
            state.MarkComplete();
            return;
        }

        var bootstrap = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminEmail) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            var accounts = services.GetRequiredService<StaffAccountService>();
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

    // Several instances starting at once on an empty database may all try; the one that loses the race sees the account
    // another one made.
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
