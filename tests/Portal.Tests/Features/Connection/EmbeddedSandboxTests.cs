using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Connection;
using Portal.Features.Settings;
using Portal.Features.Users;
using Portal.Hosting;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Connection;

/// <summary>The embedded sandbox starts after the portal: at the first RemotePC call, or once the portal has settled.</summary>
public sealed class EmbeddedSandboxTests
{
    [Fact]
    public async Task The_portal_starts_without_its_sandbox_and_the_first_RemotePC_call_starts_it_and_uses_its_key()
    {
        using var factory = new PortalFactory();
        var sandbox = factory.Services.GetRequiredService<EmbeddedSandbox>();
        var sinceStarted = Stopwatch.StartNew();
        var notYet = sandbox.StartedHost;
        // The host reported itself started before Services returned, so the settle cannot have started it yet.
        if (sinceStarted.Elapsed < HostLifetimeExtensions.SettleTime)
        {
            Assert.Null(notYet);
        }

        var list = await factory.Services.GetRequiredService<ResellerUserCache>().GetAsync();

        Assert.NotNull(list.Snapshot);
        Assert.Equal(25, list.Snapshot.Users.Count);
        Assert.NotNull(sandbox.StartedHost);
        var status = await KeyStatusAsync(factory);
        Assert.True(status.HasKey);
        Assert.Equal(EmbeddedSandbox.KeySetter, status.SetBy);
    }

    [Fact]
    public async Task Left_alone_the_sandbox_starts_once_the_portal_has_settled()
    {
        using var factory = new PortalFactory();
        var sandbox = factory.Services.GetRequiredService<EmbeddedSandbox>();

        var waited = Stopwatch.StartNew();
        while (sandbox.StartedHost is null && waited.Elapsed < HostLifetimeExtensions.SettleTime + TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.NotNull(sandbox.StartedHost);
        Assert.True((await KeyStatusAsync(factory)).HasKey);
    }

    [Fact]
    public async Task The_settings_page_shows_the_sandbox_address_and_its_key_even_right_after_the_start()
    {
        using var factory = new PortalFactory();
        var client = await factory.CreateSignedInClientAsync(PortalFactory.AdminEmail);

        using var response = await client.GetAsync("/settings");

        var html = await response.Content.ReadAsStringAsync();
        var address = factory.Services.GetRequiredService<EmbeddedSandbox>().StartedHost?.ApiBaseAddress.ToString();
        Assert.NotNull(address);
        Assert.Contains(address, html);
        Assert.Contains("data-testid=\"key-fingerprint\"", html);
        Assert.DoesNotContain("data-testid=\"key-missing\"", html);
        Assert.DoesNotContain("embedded-sandbox.invalid", html);
    }

    [Theory]
    [InlineData("http://embedded-sandbox.invalid/user/list", "http://127.0.0.1:4711/rpc-api/reseller/private/user/list")]
    [InlineData("http://embedded-sandbox.invalid/user/list?page=2&q=a%20b", "http://127.0.0.1:4711/rpc-api/reseller/private/user/list?page=2&q=a%20b")]
    [InlineData("http://elsewhere.example/user/list", "http://elsewhere.example/user/list")]
    public void Requests_go_to_the_port_the_sandbox_listens_on(string sent, string expected)
    {
        var rebased = EmbeddedSandboxHandler.Rebase(new Uri(sent), new Uri("http://127.0.0.1:4711/rpc-api/reseller/private/"));

        Assert.Equal(expected, rebased.AbsoluteUri);
    }

    private static async Task<ResellerKeyStatus> KeyStatusAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ResellerKeyService>().GetStatusAsync();
    }
}
