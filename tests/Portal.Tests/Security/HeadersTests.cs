using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Security;

/// <summary>Checklist 14 and 16: security headers on every answer, no caching of dynamic answers, no stack traces.</summary>
public sealed class HeadersTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", what);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/setup")]
    [InlineData("/not-found")]
    [InlineData("/healthz")]
    public async Task Anonymous_pages_carry_the_headers_and_are_not_stored(string path)
    {
        using var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(path);
        AssertSecurityHeaders(response, path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/users")]
    [InlineData("/settings")]
    [InlineData("/api-users")]
    [InlineData("/audit")]
    [InlineData("/users/export.csv")]
    public async Task Staff_pages_carry_the_headers_and_are_not_stored(string path)
    {
        using var client = await factory.CreateSignedInClientAsync(SecurityFactory.AdminEmail);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response, path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        if (path != "/users/export.csv")
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.DoesNotContain("unsafe-inline", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_answers_carry_the_headers_and_are_not_stored()
    {
        var user = await factory.CreateApiUserAsync(isAdmin: true, prefix: "headers");
        using var client = factory.CreateClient();
        foreach (var (method, path) in new[] { ("GET", "/api/reseller/users"), ("GET", $"/api/users/{user.ApiKey}"), ("GET", "/api/reseller/users?nope=1"), ("GET", "/api/users/unknown") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            user.ApplyIntegration(request);
            user.ApplyAdmin(request);
            using var response = await client.SendAsync(request);
            AssertSecurityHeaders(response, path);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {(int)response.StatusCode} Cache-Control {response.Headers.CacheControl}");
        }
        using var anonymous = await client.GetAsync("/api/reseller/users");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        AssertSecurityHeaders(anonymous, "401");
        Assert.True(anonymous.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Static_assets_are_cacheable_and_still_carry_nosniff()
    {
        _ = factory.Server;
        var assets = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            .Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>()!)
            .Where(d => d.Route.EndsWith(".css", StringComparison.Ordinal) || d.Route.EndsWith(".js", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(assets);
        // A fingerprinted one (its route carries the hash) is served as immutable.
        // The app's own stylesheet, fingerprinted (its route carries the hash): package and framework assets are read from their
        // NuGet folders only in Development, so outside it the test host has just the app's wwwroot.
        var fingerprinted = assets.First(d => d.Route.StartsWith("css/portal.", StringComparison.Ordinal)
            && d.Properties.FirstOrDefault(p => p.Name == "fingerprint") is { } f && d.Route.Contains(f.Value, StringComparison.Ordinal));
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/" + fingerprinted.Route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.CacheControl;
        Assert.False(cache?.NoStore ?? false, $"/{fingerprinted.Route}: Cache-Control {cache}");
        // From the build manifest (tests, dotnet run) MapStaticAssets sends no-cache with an ETag (stored, revalidated);
        // a published app's manifest makes fingerprinted files immutable for a year. Either way: cacheable, never no-store.
        Assert.True(cache?.NoCache == true || cache?.MaxAge > TimeSpan.FromDays(1), $"/{fingerprinted.Route}: Cache-Control {cache}");
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Framework_script_is_not_marked_no_store()
    {
        // Development, as `dotnet run` and the E2E tests: there the framework's files are served from the SDK's static web assets.
        using var development = factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var client = development.CreateClient();
        using var response = await client.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false, $"Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Unhandled_exception_in_an_api_path_is_a_500_without_a_stack_trace()
    {
        using var boom = SecurityFactory.Create(new SecurityFactoryOptions { MapBoom = true });
        using var client = boom.CreateClient();
        using var response = await client.GetAsync("/api/boom");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("boom-internal-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        AssertSecurityHeaders(response, "/api/boom");
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Unhandled_exception_in_an_api_path_is_problem_details()
    {
        using var boom = SecurityFactory.Create(new SecurityFactoryOptions { MapBoom = true });
        using var client = boom.CreateClient();
        using var response = await client.GetAsync("/api/boom");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("boom-internal-detail", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "/api/reseller/users", "{\"email\": " },
        { "/api/reseller/users", "[1,2,3]" },
        { "/api/reseller/invitations", "{\"invitations\": \"nope\"}" },
        { "/api/reseller/users/a@b.example/signin", "not json at all" },
        { "/api/users", "{\"ip\": " },
    };

    private async Task<(HttpResponseMessage Response, string Body)> PostMalformedAsync(string path, string json)
    {
        var user = await factory.CreateApiUserAsync(isAdmin: true, prefix: "malformed");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        user.ApplyIntegration(request);
        user.ApplyAdmin(request);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_are_400_without_internals(string path, string json)
    {
        var (response, body) = await PostMalformedAsync(path, json);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_are_400_problem_details(string path, string json)
    {
        var (response, body) = await PostMalformedAsync(path, json);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(400, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        }
    }
}
