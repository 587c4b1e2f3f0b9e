using Portal.Tests.Infrastructure;
using Portal.Tests.Security;

namespace Portal.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating reverse proxy (the README's nginx example) the portal sees http; X-Forwarded-Proto from a
/// trusted proxy makes the sign-in cookie Secure, and the same header from anyone else changes nothing.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string Proxy = "10.0.0.5";

    private static async Task<bool> SignInCookieIsSecureAsync(SecurityFactory factory, string peer)
    {
        using var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(SecurityFactory.PeerHeader, peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.PostFormAsync("/account/login", "login", LoginForm.Fields(SecurityFactory.AdminEmail, SecurityFactory.Password));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        return cookie.Split(';').Skip(1).Any(attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_trusted_proxy_forwarding_https_gets_a_Secure_sign_in_cookie_and_an_untrusted_peer_does_not()
    {
        using var factory = SecurityFactory.Create(new SecurityFactoryOptions { Settings = { ["Portal:Api:TrustedProxies:0"] = Proxy } });

        Assert.True(await SignInCookieIsSecureAsync(factory, Proxy));
        Assert.False(await SignInCookieIsSecureAsync(factory, "198.51.100.7"));
    }
}
