using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Setup;

public sealed class SetupTests
{
    private static Dictionary<string, string> SetupForm(string code, string email = "first@portal.test") => new()
    {
        ["Input.SetupCode"] = code,
        ["Input.DisplayName"] = "First Admin",
        ["Input.Email"] = email,
        ["Input.Password"] = PortalFactory.DefaultPassword,
        ["Input.ConfirmPassword"] = PortalFactory.DefaultPassword,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/staff")]
    [InlineData("/no-such-page")]
    public async Task Before_any_account_every_page_redirects_to_setup(string path)
    {
        using var factory = PortalFactory.Create(bootstrapAdmin: false);

        using var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.LocalTarget());
    }

    [Fact]
    public async Task Setup_page_is_gone_once_an_account_exists()
    {
        using var factory = PortalFactory.Create(bootstrapAdmin: true);

        using var response = await factory.CreateBrowserLikeClient().GetAsync("/setup");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_setup_code_is_refused_and_creates_nobody()
    {
        using var factory = PortalFactory.Create(bootstrapAdmin: false);
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostFormAsync("/setup", "setup", SetupForm("AAAA-BBBB-CCCC"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("setup code is wrong", await response.FormErrorAsync());
        Assert.False(await factory.WithAccountsAsync(a => a.AnyAsync()));
        Assert.False(factory.SetupState.IsComplete);
    }

    [Fact]
    public async Task The_right_code_creates_a_signed_in_admin_and_closes_setup()
    {
        using var factory = PortalFactory.Create(bootstrapAdmin: false);
        var client = factory.CreateBrowserLikeClient();

        // Lower case and spaces around it are accepted: people type what they read off the log.
        using var response = await client.PostFormAsync("/setup", "setup", SetupForm($" {factory.SetupState.Code.ToLowerInvariant()} "));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.LocalTarget());
        var account = Assert.Single(await factory.WithAccountsAsync(a => a.ListAsync()));
        Assert.Equal(("first@portal.test", StaffRoles.Admin), (account.Email, account.Role));
        using var dashboard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.NotNull((await dashboard.ReadHtmlAsync()).QuerySelector("[data-testid=welcome]"));
        using var again = await client.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Once_setup_is_complete_a_request_does_not_build_the_account_service()
    {
        // The account service brings Identity's UserManager, whose metrics lock; the gate needs it only while setup is open.
        var built = 0;
        using var factory = PortalFactory.Create(bootstrapAdmin: true).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Scoped(sp =>
            {
                Interlocked.Increment(ref built);
                return ActivatorUtilities.CreateInstance<StaffAccountService>(sp);
            }))));
        var client = factory.CreateClient();
        using (await client.GetAsync("/healthz/ready"))
        {
        }
        Volatile.Write(ref built, 0);

        using var api = await client.GetAsync("/api/reseller/users");
        using var page = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, Volatile.Read(ref built));
    }
}
