using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Portal.Features.Staff;

public sealed record StaffAccount(string Id, string Email, string DisplayName, string Role, bool IsDisabled, bool IsLockedOut, DateTimeOffset CreatedUtc);

/// <summary>The outcome of a staff-account change: success, or what went wrong (English text, also the localizer key).</summary>
public sealed record StaffResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly StaffResult Ok = new(true, []);
    public static StaffResult Fail(params string[] errors) => new(false, errors);
    public static StaffResult From(IdentityResult result) => result.Succeeded ? Ok : new(false, result.Errors.Select(e => e.Description).ToArray());
}

/// <summary>Creates, re-roles, disables and resets staff accounts. Guards the rule that an enabled Admin always remains.</summary>
public sealed class StaffAccountService(UserManager<StaffUser> users, TimeProvider time, Setup.StaffAccountCheck check)
{
    public const string LastAdminError = "At least one enabled Admin must remain: make another account Admin first.";
    public const string UnknownAccountError = "This staff account no longer exists.";
    public const string UnknownRoleError = "Unknown role: choose Admin, Operator or Viewer.";
    public const string SelfDisableError = "You cannot disable your own account.";

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var now = time.GetUtcNow();
        var result = new List<StaffAccount>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? StaffRoles.Viewer;
            result.Add(new StaffAccount(user.Id, user.Email ?? "", user.DisplayName, role, user.IsDisabled,
                user.LockoutEnd is { } end && end > now, user.CreatedUtc));
        }
        return result;
    }

    public Task<bool> AnyAsync(CancellationToken ct = default) => check.AnyAsync(ct);

    public async Task<StaffResult> CreateAsync(string email, string displayName, string role, string password)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return StaffResult.Fail(UnknownRoleError);
        }
        var user = new StaffUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            EmailConfirmed = true,
            CreatedUtc = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return StaffResult.From(created);
        }
        return StaffResult.From(await users.AddToRoleAsync(user, role));
    }

    public async Task<StaffResult> SetRoleAsync(string userId, string role)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return StaffResult.Fail(UnknownRoleError);
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffResult.Fail(UnknownAccountError);
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(role) && current.Count == 1)
        {
            return StaffResult.Ok;
        }
        if (current.Contains(StaffRoles.Admin) && role != StaffRoles.Admin && await IsLastEnabledAdminAsync(user))
        {
            return StaffResult.Fail(LastAdminError);
        }
        var removed = await users.RemoveFromRolesAsync(user, current);
        if (!removed.Succeeded)
        {
            return StaffResult.From(removed);
        }
        var added = await users.AddToRoleAsync(user, role);
        // A new stamp makes open circuits of this account revalidate and pick up the new role.
        await users.UpdateSecurityStampAsync(user);
        return StaffResult.From(added);
    }

    public async Task<StaffResult> SetDisabledAsync(string userId, bool disabled, string? actingUserId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffResult.Fail(UnknownAccountError);
        }
        if (disabled && userId == actingUserId)
        {
            return StaffResult.Fail(SelfDisableError);
        }
        if (disabled && await users.IsInRoleAsync(user, StaffRoles.Admin) && await IsLastEnabledAdminAsync(user))
        {
            return StaffResult.Fail(LastAdminError);
        }
        user.IsDisabled = disabled;
        var updated = await users.UpdateAsync(user);
        if (updated.Succeeded)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        return StaffResult.From(updated);
    }

    public async Task<StaffResult> ResetPasswordAsync(string userId, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffResult.Fail(UnknownAccountError);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (reset.Succeeded)
        {
            // A reset also ends a lockout, so an Admin can help a locked-out colleague.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        return StaffResult.From(reset);
    }

    private async Task<bool> IsLastEnabledAdminAsync(StaffUser user)
    {
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }
}
