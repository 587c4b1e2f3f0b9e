using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Features.Staff;

/// <summary>Refuses sign-in for disabled accounts, on top of Identity's own checks.</summary>
internal sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);
}
