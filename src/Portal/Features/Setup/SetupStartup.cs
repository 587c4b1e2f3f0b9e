using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
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
                await roles.CreateAsync(new IdentityRole(role));
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
            var result = await accounts.CreateAsync(bootstrap.AdminEmail, "Administrator", StaffRoles.Admin, bootstrap.AdminPassword);
            if (!result.Succeeded)
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
}
