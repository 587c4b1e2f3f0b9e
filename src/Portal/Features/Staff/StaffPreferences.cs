using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Staff;

/// <summary>Per-account UI preferences (dark mode), read and written through a short-lived context per operation.</summary>
public sealed class StaffPreferences(IDbContextFactory<PortalDbContext> dbFactory, AuthenticationStateProvider auth)
{
    public async Task<bool> GetDarkModeAsync()
    {
        var id = await CurrentUserIdAsync();
        if (id is null)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync();
    }

    public async Task SetDarkModeAsync(bool dark)
    {
        var id = await CurrentUserIdAsync();
        if (id is null)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkMode, dark));
    }

    private async Task<string?> CurrentUserIdAsync()
    {
        var state = await auth.GetAuthenticationStateAsync();
        return state.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
    }
}
