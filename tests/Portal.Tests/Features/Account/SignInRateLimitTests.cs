using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Account;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_above_the_limit_from_one_address_get_429_with_retry_after()
    {
        await using var factory = PortalFactory.Create().WithSetting("Portal:Staff:SignInPermitLimit", "3");
        var client = factory.CreateBrowserLikeClient();

        // Different accounts: the per-address limit is what stops spraying, the per-account lockout would not.
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostFormAsync("/account/login", "login", LoginForm.Fields($"nobody{i}@portal.test", "wrong-password-1"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }
        using var refused = await client.PostFormAsync("/account/login", "login", LoginForm.Fields("nobody9@portal.test", "wrong-password-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "429 without Retry-After");
        using var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
