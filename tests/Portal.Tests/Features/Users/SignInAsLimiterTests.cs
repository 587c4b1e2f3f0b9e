using Microsoft.Extensions.Options;
using Portal.Features.Users;

namespace Portal.Tests.Features.Users;

public sealed class SignInAsLimiterTests
{
    [Fact]
    public void Each_acting_account_has_its_own_budget_and_the_refusal_says_how_long_to_wait()
    {
        using var limiter = new SignInAsLimiter(Options.Create(new SignInAsOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(5) }));

        Assert.Null(limiter.TryAcquire("ada@portal.test"));
        Assert.Null(limiter.TryAcquire("ADA@portal.test"));
        var wait = limiter.TryAcquire("ada@portal.test");

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Null(limiter.TryAcquire("bob@portal.test"));
    }
}
