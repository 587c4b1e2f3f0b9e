using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Account;
using Portal.Features.Setup;

namespace Portal.Features.Staff;

public static class StaffExtensions
{
    public static WebApplicationBuilder AddStaffAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddSingleton<SetupState>();
        services.AddSingleton<StaffAccountCheck>();
        services.AddScoped<StaffAccountService>();
        services.AddScoped<StaffPreferences>();
        services.AddScoped<Portal.Components.Shared.PolicyGuard>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<StaffUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IOptions<StaffOptions>>((o, staff) =>
        {
            o.User.RequireUniqueEmail = true;
            o.SignIn.RequireConfirmedAccount = false;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = staff.Value.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = staff.Value.LockoutDuration;
            o.Password.RequiredLength = staff.Value.MinPasswordLength;
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequireUppercase = false;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<StaffOptions>>((o, staff) =>
            o.ValidationInterval = staff.Value.RevalidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        builder.AddSignInRateLimit();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(StaffRoles.Admin))
            .AddPolicy(Policies.Operate, p => p.RequireRole(StaffRoles.Admin, StaffRoles.Operator))
            .AddPolicy(Policies.View, p => p.RequireRole(StaffRoles.Admin, StaffRoles.Operator, StaffRoles.Viewer));
        return builder;
    }
}
