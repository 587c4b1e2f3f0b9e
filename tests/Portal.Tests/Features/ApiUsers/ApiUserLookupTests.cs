using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.ApiUsers;

namespace Portal.Tests.Features.ApiUsers;

/// <summary>
/// The apikey lookup keeps connections open with a prepared statement (on SQLite): a change committed through any other
/// connection, as another instance would make it, must still decide the very next check.
/// </summary>
public sealed class ApiUserLookupTests : IClassFixture<ApiUsersFactory>
{
    private readonly ApiUsersFactory _factory;

    public ApiUserLookupTests(ApiUsersFactory factory) => _factory = factory;

    private async Task ChangeElsewhereAsync(string apiKey, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ApiUser>> change)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<ApiUser>().Where(u => u.ApiKey == apiKey).ExecuteUpdateAsync(change));
    }

    private async Task WarmAsync(string apiKey, string token)
    {
        // Several checks side by side, so more than one connection is open and prepared when the change is made.
        var checks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _factory.Users.CheckAsync(apiKey, token, IPAddress.Loopback))));
        Assert.All(checks, c => Assert.Equal(CredentialStatus.Valid, c.Status));
    }

    [Fact]
    public async Task A_deletion_made_through_another_connection_is_refused_at_the_next_check()
    {
        var (key, token) = await _factory.SeedAsync("lookdel", isAdmin: false);
        await WarmAsync(key, token);

        await ChangeElsewhereAsync(key, s => s.SetProperty(u => u.IsDeleted, true));

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(CredentialStatus.Deleted, (await _factory.Users.CheckAsync(key, token, IPAddress.Loopback)).Status);
        }
    }

    [Fact]
    public async Task A_new_endtime_and_a_new_bound_address_take_effect_at_the_next_check()
    {
        var (key, token) = await _factory.SeedAsync("lookchg", isAdmin: false);
        await WarmAsync(key, token);

        await ChangeElsewhereAsync(key, s => s.SetProperty(u => u.EndTimeUtc, _factory.Time.GetUtcNow().UtcDateTime.AddMinutes(-1)));
        Assert.Equal(CredentialStatus.Expired, (await _factory.Users.CheckAsync(key, token, IPAddress.Loopback)).Status);

        await ChangeElsewhereAsync(key, s => s
            .SetProperty(u => u.EndTimeUtc, _factory.Time.GetUtcNow().UtcDateTime.AddDays(1))
            .SetProperty(u => u.IPv4, "10.1.2.3"));
        Assert.Equal(CredentialStatus.WrongAddress, (await _factory.Users.CheckAsync(key, token, IPAddress.Loopback)).Status);
        Assert.Equal(CredentialStatus.Valid, (await _factory.Users.CheckAsync(key, token, IPAddress.Parse("10.1.2.3"))).Status);
    }

    [Fact]
    public async Task Many_checks_at_once_each_get_their_own_answer()
    {
        var (first, firstToken) = await _factory.SeedAsync("lookpar1", isAdmin: false);
        var (second, secondToken) = await _factory.SeedAsync("lookpar2", isAdmin: true);

        var checks = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () => (i % 3) switch
        {
            0 => (Expected: CredentialStatus.Valid, Admin: false, Check: await _factory.Users.CheckAsync(first, firstToken, IPAddress.Loopback)),
            1 => (Expected: CredentialStatus.Valid, Admin: true, Check: await _factory.Users.CheckAsync(second, secondToken, IPAddress.Loopback)),
            _ => (Expected: CredentialStatus.Invalid, Admin: false, Check: await _factory.Users.CheckAsync(first, secondToken, IPAddress.Loopback)),
        })));

        Assert.All(checks, c =>
        {
            Assert.Equal(c.Expected, c.Check.Status);
            Assert.Equal(c.Admin, c.Check.IsAdmin);
        });
    }
}
