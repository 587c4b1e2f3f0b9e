using System.Net;
using System.Text.Json;

namespace RemotePc.Tests.Sandbox;

public sealed class SigninTests : IAsyncLifetime
{
    private const string Email = "ada@example.com";
    private const string Password = "Passw0rd!";

    private SandboxTestHost _sandbox = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxTestHost.StartAsync(o => o.LinkLifetime = TimeSpan.FromMinutes(2));
        await _sandbox.AddUserAsync(Email, Password);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Success_answers_a_one_time_autologin_link_under_the_sandbox()
    {
        using var response = await _sandbox.PostAsync("user/signin", Json.Signin("ADA@example.com", Password));

        var body = await Json.BodyAsync(response);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("{\"status\":\"OK\",\"code\":200,\"message\":{\"rpc_redirect_link\":\"", body, StringComparison.Ordinal);
        var link = await LinkOf(response);
        Assert.StartsWith(_sandbox.Host.BaseAddress + "autologin/", link, StringComparison.Ordinal);
        Assert.Equal($$$"""{"status":"OK","code":200,"message":{"rpc_redirect_link":"{{{link}}}"}}""", body);
    }

    [Fact]
    public async Task Link_works_once_then_410()
    {
        var link = await SignInAsync();
        using var browser = new HttpClient();

        using var first = await browser.GetAsync(link);
        using var second = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("RemotePC Sandbox — signed in as ada@example.com", page);
        Assert.DoesNotContain("http", page.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());

        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("already been used", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_expires_after_its_lifetime()
    {
        var link = await SignInAsync();
        _sandbox.Time.Advance(TimeSpan.FromMinutes(2));
        using var browser = new HttpClient();

        using var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_just_before_expiry_still_works()
    {
        var link = await SignInAsync();
        _sandbox.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        using var browser = new HttpClient();

        using var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_link_is_404()
    {
        using var browser = new HttpClient();

        using var response = await browser.GetAsync(new Uri(_sandbox.Host.BaseAddress, "autologin/made-up"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Username_is_html_encoded_on_the_page()
    {
        await _sandbox.AddUserAsync("o'brien+x@example.com", Password);
        using var response = await _sandbox.PostAsync("user/signin", Json.Signin("o'brien+x@example.com", Password));
        var link = await LinkOf(response);
        using var browser = new HttpClient();

        var page = await browser.GetStringAsync(link);

        Assert.Contains("signed in as o&#x27;brien&#x2B;x@example.com", page);
    }

    [Theory]
    [InlineData("""{"password":"x"}""", "USERNAME_REQUIRED")]
    [InlineData("""{"username":null,"password":"x"}""", "USERNAME_REQUIRED")]
    [InlineData("""{"username":" ","password":"x"}""", "EMAILID_REQUIRED")]
    [InlineData("""{"username":"not-an-email","password":"x"}""", "INVALID_EMAIL")]
    [InlineData("""{"username":"ada@example.com"}""", "PASSWORD_REQUIRED")]
    [InlineData("""{"username":"ada@example.com","password":""}""", "PASSWORD_REQUIRED")]
    [InlineData("""{"username":"nobody@example.com","password":"x"}""", "USERNAME_DOES_NOT_EXIST")]
    [InlineData("""{"username":"ada@example.com","password":"wrong-pass1"}""", "INVALID_CREDENTIALS")]
    public async Task Each_error_has_its_description(string body, string description)
    {
        using var response = await _sandbox.PostAsync("user/signin", body);

        await Json.AssertAsync(response, 400, Json.BadRequest(description));
    }

    [Fact]
    public async Task Several_validation_errors_at_once()
    {
        using var response = await _sandbox.PostAsync("user/signin", "{}");

        await Json.AssertAsync(response, 400, Json.BadRequest("USERNAME_REQUIRED", "PASSWORD_REQUIRED"));
    }

    [Fact]
    public async Task Suspended_parent_account()
    {
        _sandbox.Control.SetParentSuspended(true);

        using var response = await _sandbox.PostAsync("user/signin", Json.Signin(Email, Password));

        await Json.AssertAsync(response, 400, Json.BadRequest("ACTION_PARENT_ACCOUNT_SUSPENDED"));
        _sandbox.Control.SetParentSuspended(false);
        using var after = await _sandbox.PostAsync("user/signin", Json.Signin(Email, Password));
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task Blocked_caller_ip()
    {
        _sandbox.Control.BlockIp("127.0.0.1");

        using var response = await _sandbox.PostAsync("user/signin", Json.Signin(Email, Password));

        await Json.AssertAsync(response, 400, Json.BadRequest("IP_ADDRESS_BLOCKED"));
        Assert.True(_sandbox.Control.UnblockIp("127.0.0.1"));
        using var after = await _sandbox.PostAsync("user/signin", Json.Signin(Email, Password));
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task Cancelled_account_and_it_is_listed_inactive()
    {
        Assert.True(_sandbox.Control.CancelAccount(Email));

        using var response = await _sandbox.PostAsync("user/signin", Json.Signin(Email, Password));
        using var list = await _sandbox.ListAsync();

        await Json.AssertAsync(response, 400, Json.BadRequest("CANCELLED_ACCOUNT"));
        Assert.Contains("\"isActive\":false,\"utilized_computers\":0,\"username\":\"ada@example.com\"", await Json.BodyAsync(list));
    }

    [Fact]
    public async Task Accepted_invitee_and_seeded_users_sign_in_with_the_documented_password()
    {
        using (await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"joiner@example.com"}]""")) { }
        _sandbox.Control.AcceptInvitation("joiner@example.com");
        _sandbox.Control.SeedUsers(1);
        var seeded = _sandbox.Control.Users().Last().Username;

        using var joiner = await _sandbox.PostAsync("user/signin", Json.Signin("joiner@example.com", "Demo-pass1"));
        using var seededResponse = await _sandbox.PostAsync("user/signin", Json.Signin(seeded, "Demo-pass1"));

        Assert.Equal(200, (int)joiner.StatusCode);
        Assert.Equal(200, (int)seededResponse.StatusCode);
    }

    private async Task<Uri> SignInAsync()
    {
        using var response = await _sandbox.PostAsync("user/signin", Json.Signin(Email, Password));
        Assert.Equal(200, (int)response.StatusCode);
        return new Uri(await LinkOf(response));
    }

    private static async Task<string> LinkOf(HttpResponseMessage response)
    {
        var json = await Json.ParseAsync(response);
        return json.GetProperty("message").GetProperty("rpc_redirect_link").GetString()!;
    }
}
