using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Features.Staff;
using Portal.Localization;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The one bUnit setup for portal components (after MudBlazor's TestContextExtensions): MudBlazor services,
/// loose JS interop (MudBlazor calls JS on first render), the real localizers (the portal's and MudBlazor's).
/// </summary>
public abstract class PortalTestContext : BunitContext
{
    // bUnit's one second for a "wait for" was too short on a busy two-core machine: a sign-in dialog test failed once
    // waiting for its error text while the rest of the suite ran. A wait ends as soon as its check passes, so only a
    // test that fails waits longer.
    static PortalTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, PortalMudLocalizer>();
    }

    /// <summary>Signs in a staff member of <paramref name="role"/>, with the policies that role satisfies in the app.</summary>
    protected BunitAuthorizationContext SignInAs(string role, string name = "staff@portal.test")
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        auth.SetPolicies(PoliciesOf(role));
        return auth;
    }

    // Mirrors AddStaffAccounts' AddAuthorizationBuilder: bUnit's fake authorization grants exactly the policies it is given.
    internal static string[] PoliciesOf(string role) => role switch
    {
        StaffRoles.Admin => [Policies.Admin, Policies.Operate, Policies.View],
        StaffRoles.Operator => [Policies.Operate, Policies.View],
        StaffRoles.Viewer => [Policies.View],
        _ => [],
    };
}
