using System.Net;

namespace Portal.Tests.Security;

/// <summary>Checklist 4: X-Forwarded-For is believed only from configured proxies; by default from nobody.</summary>
public sealed class ForwardedHeadersTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{

    private async Task<HttpStatusCode> CallAsync(ApiCredential user, string peer, string? forwardedFor)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reseller/users?size=1");
        user.ApplyIntegration(request);
        request.Headers.TryAddWithoutValidation(SecurityFactory.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Bound_address_is_the_connection_address()
    {
        var user = await factory.CreateApiUserAsync(isAdmin: false, prefix: "bound", ip: "10.20.30.40");
        Assert.Equal(HttpStatusCode.OK, await CallAsync(user, "10.20.30.40", null));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(user, "::ffff:10.20.30.40", null));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(user, "198.51.100.23", null));
    }

    [Fact]
    public async Task Spoofed_forwarded_for_from_an_unconfigured_peer_does_not_pass_the_ip_binding()
    {
        var user = await factory.CreateApiUserAsync(isAdmin: false, prefix: "spoof", ip: "10.20.30.41");
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(user, "198.51.100.23", "10.20.30.41"));
    }
}
