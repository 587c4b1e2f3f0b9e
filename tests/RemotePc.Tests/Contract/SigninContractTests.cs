using System.Net;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

public sealed class SigninContractTests(ContractFixture fixture) : ContractTests(fixture)
{
    [Fact]
    public async Task Sign_in_returns_a_link_that_opens_the_account_once()
    {
        var username = SeededUser(0);

        var link = await Client.SignInAsync(username, SandboxControl.SeededUserPassword);

        Assert.True(link.IsAbsoluteUri);
        Assert.Equal(Env.Sandbox.Host.BaseAddress.Authority, link.Authority);
        using var browser = Env.Sandbox.CreateClient(key: null);
        using (var first = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var page = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
            Assert.Contains("signed in as " + username, page, StringComparison.Ordinal);
        }

        using var second = await browser.GetAsync(link);
        Assert.Contains(second.StatusCode, new[] { HttpStatusCode.Gone, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task Each_sign_in_issues_a_new_link()
    {
        var username = SeededUser(1);

        var first = await Client.SignInAsync(username, SandboxControl.SeededUserPassword);
        var second = await Client.SignInAsync(username, SandboxControl.SeededUserPassword);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Unknown_user_is_USERNAME_DOES_NOT_EXIST()
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() =>
            Client.SignInAsync("nobody" + Domain, SandboxControl.SeededUserPassword));

        AssertApiError(error, 400, "BAD_REQUEST", "USERNAME_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Suspended_parent_account_is_ACTION_PARENT_ACCOUNT_SUSPENDED()
    {
        Control.SetParentSuspended(true);

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() =>
            Client.SignInAsync(SeededUser(0), SandboxControl.SeededUserPassword));

        AssertApiError(error, 400, "BAD_REQUEST", "ACTION_PARENT_ACCOUNT_SUSPENDED");
    }

    [Fact]
    public async Task Blocked_caller_ip_is_IP_ADDRESS_BLOCKED()
    {
        Control.BlockIp("127.0.0.1");

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() =>
            Client.SignInAsync(SeededUser(0), SandboxControl.SeededUserPassword));

        AssertApiError(error, 400, "BAD_REQUEST", "IP_ADDRESS_BLOCKED");
    }

    [Fact]
    public async Task Cancelled_account_is_CANCELLED_ACCOUNT()
    {
        await Client.AddUserAsync(NewUser("cancelled" + Domain));
        Assert.True(Control.CancelAccount("cancelled" + Domain));

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.SignInAsync("cancelled" + Domain, Password));

        AssertApiError(error, 400, "BAD_REQUEST", "CANCELLED_ACCOUNT");
    }

    [Fact]
    public async Task Wrong_password_surfaces_the_undocumented_description_verbatim()
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.SignInAsync(SeededUser(0), "Wrong-pass9"));

        // Not in RemotePC's documented list: the client must keep it as sent, in Descriptions and in its message.
        AssertApiError(error, 400, "BAD_REQUEST", "INVALID_CREDENTIALS");
    }

    [Theory]
    [InlineData(null, Password, "USERNAME_REQUIRED")]
    [InlineData(" ", Password, "EMAILID_REQUIRED")]
    [InlineData("not-an-address", Password, "INVALID_EMAIL")]
    [InlineData("someone" + Domain, "", "PASSWORD_REQUIRED")]
    public async Task Sign_in_field_errors_are_reported(string? username, string password, string description)
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.SignInAsync(username!, password));

        AssertApiError(error, 400, "BAD_REQUEST", description);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.Signin));
    }
}
