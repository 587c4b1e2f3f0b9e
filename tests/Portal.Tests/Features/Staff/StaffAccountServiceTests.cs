using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Staff;

/// <summary>The rules of <see cref="StaffAccountService"/>, run against the real Identity stores. One database per test.</summary>
public sealed class StaffAccountServiceTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<string> AdminIdAsync() =>
        _factory.WithAccountsAsync(async a => (await a.ListAsync()).Single(x => x.Email == PortalFactory.AdminEmail).Id);

    [Fact]
    public async Task Creates_an_account_of_each_role()
    {
        foreach (var role in StaffRoles.All)
        {
            await _factory.CreateStaffAsync(role, $"{role}-staff@portal.test");
        }

        var accounts = await _factory.WithAccountsAsync(a => a.ListAsync());

        foreach (var role in StaffRoles.All)
        {
            Assert.Equal(role, accounts.Single(a => a.Email == $"{role}-staff@portal.test").Role);
        }
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_demoted()
    {
        var admin = await AdminIdAsync();

        var result = await _factory.WithAccountsAsync(a => a.SetRoleAsync(admin, StaffRoles.Viewer));

        Assert.Equal([StaffAccountService.LastAdminError], result.Errors);
        Assert.Equal(StaffRoles.Admin, (await _factory.WithAccountsAsync(a => a.ListAsync())).Single(a => a.Id == admin).Role);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_disabled_by_another_account()
    {
        var admin = await AdminIdAsync();
        var other = await _factory.CreateStaffAsync(StaffRoles.Operator);

        var result = await _factory.WithAccountsAsync(a => a.SetDisabledAsync(admin, disabled: true, actingUserId: other));

        Assert.Equal([StaffAccountService.LastAdminError], result.Errors);
    }

    [Fact]
    public async Task A_disabled_second_admin_does_not_count_as_the_remaining_admin()
    {
        var admin = await AdminIdAsync();
        var second = await _factory.CreateStaffAsync(StaffRoles.Admin);
        Assert.True((await _factory.WithAccountsAsync(a => a.SetDisabledAsync(second, true, admin))).Succeeded);

        var result = await _factory.WithAccountsAsync(a => a.SetRoleAsync(admin, StaffRoles.Operator));

        Assert.Equal([StaffAccountService.LastAdminError], result.Errors);
    }

    [Fact]
    public async Task With_a_second_enabled_admin_the_first_can_be_demoted()
    {
        var admin = await AdminIdAsync();
        await _factory.CreateStaffAsync(StaffRoles.Admin);

        var result = await _factory.WithAccountsAsync(a => a.SetRoleAsync(admin, StaffRoles.Viewer));

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(StaffRoles.Viewer, (await _factory.WithAccountsAsync(a => a.ListAsync())).Single(a => a.Id == admin).Role);
    }

    [Fact]
    public async Task Nobody_can_disable_their_own_account()
    {
        await _factory.CreateStaffAsync(StaffRoles.Admin);
        var admin = await AdminIdAsync();

        var result = await _factory.WithAccountsAsync(a => a.SetDisabledAsync(admin, disabled: true, actingUserId: admin));

        Assert.Equal([StaffAccountService.SelfDisableError], result.Errors);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_on_create_and_on_change()
    {
        var admin = await AdminIdAsync();

        var created = await _factory.WithAccountsAsync(a => a.CreateAsync("x@portal.test", "X", "Superuser", PortalFactory.DefaultPassword));
        var changed = await _factory.WithAccountsAsync(a => a.SetRoleAsync(admin, "Superuser"));

        Assert.Equal([StaffAccountService.UnknownRoleError], created.Errors);
        Assert.Equal([StaffAccountService.UnknownRoleError], changed.Errors);
        Assert.Single(await _factory.WithAccountsAsync(a => a.ListAsync()));
    }

    [Fact]
    public async Task Unknown_accounts_are_reported_as_such()
    {
        var result = await _factory.WithAccountsAsync(a => a.SetDisabledAsync("no-such-id", true, null));

        Assert.Equal([StaffAccountService.UnknownAccountError], result.Errors);
    }

    [Theory]
    [InlineData("short1a")]          // under 10 characters
    [InlineData("nodigitsatall")]    // no digit
    [InlineData("1234567890")]       // no lower-case letter
    public async Task Weak_passwords_are_refused(string password)
    {
        var result = await _factory.WithAccountsAsync(a => a.CreateAsync("weak@portal.test", "Weak", StaffRoles.Viewer, password));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_password_without_upper_case_or_symbols_is_enough()
    {
        var result = await _factory.WithAccountsAsync(a => a.CreateAsync("plain@portal.test", "Plain", StaffRoles.Viewer, "plainpass42"));

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    [Fact]
    public async Task Resetting_the_password_ends_a_lockout()
    {
        var email = "locked@portal.test";
        var id = await _factory.CreateStaffAsync(StaffRoles.Operator, email);
        var client = _factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, "wrong-password-9"));
        }
        Assert.True((await _factory.WithAccountsAsync(a => a.ListAsync())).Single(a => a.Id == id).IsLockedOut);

        var reset = await _factory.WithAccountsAsync(a => a.ResetPasswordAsync(id, "brand-new-pass-7"));

        Assert.True(reset.Succeeded, string.Join(" ", reset.Errors));
        Assert.False((await _factory.WithAccountsAsync(a => a.ListAsync())).Single(a => a.Id == id).IsLockedOut);
        using var signedIn = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, "brand-new-pass-7"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}
