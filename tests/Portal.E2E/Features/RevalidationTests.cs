using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Features.Staff;
using static Microsoft.Playwright.Assertions;
using UsersPage = Portal.E2E.Pages.UsersPage;
using SettingsPage = Portal.E2E.Pages.SettingsPage;

namespace Portal.E2E.Features;

/// <summary>A portal whose open circuits re-check the staff member's security stamp every 2 seconds (default: 1 minute).</summary>
public sealed class FastRevalidationPortalFixture : BrowserFixture
{
    protected override bool BootstrapAdmin => true;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Portal:Staff:RevalidationInterval"] = "00:00:02",
    };
}

/// <summary>
/// An open tab loses access once its account is disabled or re-roled: StaffRevalidatingAuthenticationStateProvider finds
/// the stamp changed, the circuit's user becomes anonymous, AuthorizeRouteView renders NotAuthorizedView, and that sends
/// the tab to the login page with a full load (where the cookie's own stamp check ends the session).
/// </summary>
public sealed class RevalidationTests(FastRevalidationPortalFixture fixture) : BrowserTest(fixture), IClassFixture<FastRevalidationPortalFixture>
{
    private static readonly PageAssertionsToHaveURLOptions Soon = new() { Timeout = 15_000 };

    private async Task<string> IdOfAsync(string email)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    private async Task<StaffResult> WithStaffServiceAsync(Func<StaffAccountService, Task<StaffResult>> change)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<StaffAccountService>());
    }

    [Fact]
    public void The_fixture_s_setting_reaches_the_app() =>
        Assert.Equal(TimeSpan.FromSeconds(2), Server.Services.GetRequiredService<IOptions<StaffOptions>>().Value.RevalidationInterval);

    [Fact]
    public Task A_disabled_operator_s_open_users_tab_loses_access() => InBrowserAsync(async page =>
    {
        var operatorEmail = await Server.CreateStaffAsync(StaffRoles.Operator);
        await new LoginPage(page).SignInAsync(operatorEmail, PortalServer.Password);
        var users = new UsersPage(page);
        await users.GotoAsync();
        await Expect(users.Grid).ToBeVisibleAsync();

        var result = await WithStaffServiceAsync(s => IdOfAsync(operatorEmail).ContinueWith(id => s.SetDisabledAsync(id.Result, true, null)).Unwrap());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));

        // No click, no reload: the open tab is sent to the login page by itself.
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/login\?ReturnUrl=%2Fusers|/account/login\?ReturnUrl=/users"), Soon);
        var login = new LoginPage(page);
        await Expect(login.Submit).ToBeVisibleAsync();
        await Expect(users.Grid).ToHaveCountAsync(0);

        // And the cookie no longer opens the page either.
        await page.GotoAsync("/users");
        await login.WaitUntilShownAsync();
        await Expect(users.Grid).ToHaveCountAsync(0);

        // Signing in again is refused while the account is disabled.
        await login.SubmitAsync(operatorEmail, PortalServer.Password);
        await Expect(login.Error).ToBeVisibleAsync();
    });

    [Fact]
    public Task An_admin_demoted_to_viewer_loses_the_open_settings_page() => InBrowserAsync(async page =>
    {
        var adminEmail = await Server.CreateStaffAsync(StaffRoles.Admin);
        await new LoginPage(page).SignInAsync(adminEmail, PortalServer.Password);
        var settings = new SettingsPage(page);
        await settings.GotoAsync();
        await Expect(settings.KeyCard).ToBeVisibleAsync();

        var id = await IdOfAsync(adminEmail);
        var result = await WithStaffServiceAsync(s => s.SetRoleAsync(id, StaffRoles.Viewer));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));

        await Expect(page).ToHaveURLAsync(new Regex(@"/account/login\?ReturnUrl=(%2F|/)settings"), Soon);
        await Expect(settings.KeyCard).ToHaveCountAsync(0);

        // Signed in again, the account is a Viewer: no Settings in the menu, and the page is refused.
        var shell = await new LoginPage(page).SignInAsync(adminEmail, PortalServer.Password);
        await Expect(shell.NavLink("/users")).ToBeVisibleAsync();
        await Expect(shell.NavLink("/settings")).ToHaveCountAsync(0);
        await page.GotoAsync("/settings");
        await Expect(shell.AccessDenied).ToBeVisibleAsync();
        await Expect(settings.KeyCard).ToHaveCountAsync(0);
    });

    [Fact]
    public Task An_admin_disables_an_operator_on_the_staff_page_and_the_operator_s_tab_follows() => InBrowserAsync(async operatorPage =>
    {
        var operatorEmail = await Server.CreateStaffAsync(StaffRoles.Operator);
        await new LoginPage(operatorPage).SignInAsync(operatorEmail, PortalServer.Password);
        var users = new UsersPage(operatorPage);
        await users.GotoAsync();

        // The Admin, in a second context of the same browser.
        await using var adminContext = await fixture.Browser.NewContextAsync(new() { BaseURL = Server.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var adminPage = await adminContext.NewPageAsync();
        var admin = await Server.CreateStaffAsync(StaffRoles.Admin);
        var shell = await new LoginPage(adminPage).SignInAsync(admin, PortalServer.Password);
        await shell.GotoAsync("/staff");
        var row = adminPage.GetByTestId("staff-grid").Locator("tr", new() { HasText = operatorEmail });
        await row.GetByTestId("staff-disable").ClickAsync();
        // Disabling asks first; the message box's confirm button is named like the action.
        await adminPage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Expect(adminPage.Locator(".mud-snackbar").Filter(new() { HasText = "Account disabled." })).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Disabled");

        await Expect(operatorPage).ToHaveURLAsync(new Regex(@"/account/login\?ReturnUrl=(%2F|/)users"), Soon);
        await Expect(users.Grid).ToHaveCountAsync(0);
    });
}
