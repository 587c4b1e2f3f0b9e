using System.Net;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Account;

/// <summary>Sign-in through the real server-rendered login form. One factory per class; every test uses its own account.</summary>
public sealed class SignInTests : IClassFixture<PortalFactory>
{
    private const string Wrong = "wrong-password-9";
    private readonly PortalFactory _factory;

    public SignInTests(PortalFactory factory) => _factory = factory;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string path = "/account/login") =>
        client.PostFormAsync(path, "login", LoginForm.Fields(email, password));

    [Fact]
    public async Task The_right_password_sets_the_cookie_and_opens_the_dashboard()
    {
        var email = $"op-{Guid.NewGuid():N}@portal.test";
        await _factory.CreateStaffAsync(StaffRoles.Operator, email);
        var client = _factory.CreateBrowserLikeClient();

        using var response = await SignInAsync(client, email, PortalFactory.DefaultPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.LocalTarget());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        using var dashboard = await client.GetAsync("/");
        Assert.Contains(email, (await dashboard.ReadHtmlAsync()).QuerySelector("[data-testid=welcome]")?.TextContent);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        using var response = await _factory.CreateBrowserLikeClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.LocalTarget());
    }

    [Theory]
    [InlineData("/users", "/users")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    public async Task Only_local_return_urls_are_followed(string returnUrl, string expected)
    {
        var email = $"viewer-{Guid.NewGuid():N}@portal.test";
        await _factory.CreateStaffAsync(StaffRoles.Viewer, email);

        using var response = await SignInAsync(_factory.CreateBrowserLikeClient(), email, PortalFactory.DefaultPassword,
            "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.LocalTarget());
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_sets_no_cookie()
    {
        var email = $"op-{Guid.NewGuid():N}@portal.test";
        await _factory.CreateStaffAsync(StaffRoles.Operator, email);

        using var response = await SignInAsync(_factory.CreateBrowserLikeClient(), email, Wrong);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The email or the password is wrong.", await response.FormErrorAsync());
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_error_as_a_wrong_password()
    {
        using var response = await SignInAsync(_factory.CreateBrowserLikeClient(), "nobody@portal.test", Wrong);

        Assert.Equal("The email or the password is wrong.", await response.FormErrorAsync());
    }

    [Fact]
    public async Task The_account_locks_after_the_default_five_wrong_passwords()
    {
        var email = $"op-{Guid.NewGuid():N}@portal.test";
        await _factory.CreateStaffAsync(StaffRoles.Operator, email);
        var client = _factory.CreateBrowserLikeClient();

        for (var i = 1; i < 5; i++)
        {
            using var attempt = await SignInAsync(client, email, Wrong);
            Assert.Equal("The email or the password is wrong.", await attempt.FormErrorAsync());
        }
        using var fifth = await SignInAsync(client, email, Wrong);
        using var rightButLocked = await SignInAsync(client, email, PortalFactory.DefaultPassword);

        Assert.Contains("locked", await fifth.FormErrorAsync());
        Assert.Equal(HttpStatusCode.OK, rightButLocked.StatusCode);
        Assert.Contains("locked", await rightButLocked.FormErrorAsync());
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_even_with_the_right_password()
    {
        var email = $"op-{Guid.NewGuid():N}@portal.test";
        var id = await _factory.CreateStaffAsync(StaffRoles.Operator, email);
        Assert.True((await _factory.WithAccountsAsync(a => a.SetDisabledAsync(id, true, null))).Succeeded);

        using var response = await SignInAsync(_factory.CreateBrowserLikeClient(), email, PortalFactory.DefaultPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("This account is disabled. Ask an administrator.", await response.FormErrorAsync());
    }

    [Fact]
    public async Task Signing_out_with_the_antiforgery_token_ends_the_session()
    {
        var client = await _factory.CreateSignedInClientAsync(PortalFactory.AdminEmail);
        var token = await AntiforgeryTokenAsync(client);

        using var logout = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/account/login", logout.LocalTarget());
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.LocalTarget());
    }

    // Fails today: the endpoint binds nothing from the form, so the antiforgery middleware never checks it
    // and any third-party page can sign staff out. The app fix is in the report of the tests branch.
    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        var client = await _factory.CreateSignedInClientAsync(PortalFactory.AdminEmail);

        using var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var stillIn = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    // The shell's sign-out form sits in a closed menu; any server-rendered form of the signed-in user carries a valid token.
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/account/password");
        var token = (await page.ReadHtmlAsync()).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));
        return token!;
    }
}

/// <summary><c>Portal:Staff:MaxFailedSignIns</c> is honoured; its own factory because it changes a setting.</summary>
public sealed class ConfiguredLockoutTests
{
    [Fact]
    public async Task The_account_locks_after_MaxFailedSignIns_wrong_passwords()
    {
        using var factory = new PortalFactory().WithSetting("Portal:Staff:MaxFailedSignIns", "3");
        var email = "op@portal.test";
        await factory.CreateStaffAsync(StaffRoles.Operator, email);
        var client = factory.CreateBrowserLikeClient();

        var errors = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, "wrong-password-9"));
            errors.Add(await attempt.FormErrorAsync());
        }

        Assert.Equal("The email or the password is wrong.", errors[1]);
        Assert.Contains("locked", errors[2]);
    }

    [Fact]
    public void An_out_of_range_MaxFailedSignIns_stops_start_up_naming_the_setting()
    {
        var message = StartupFailure.Of(new PortalFactory().WithSetting("Portal:Staff:MaxFailedSignIns", "0"));

        // The whole text in the message: xUnit's Contains shows only its first 40 characters.
        Assert.True(message.Contains("Portal:Staff:MaxFailedSignIns", StringComparison.Ordinal), message);
    }
}
