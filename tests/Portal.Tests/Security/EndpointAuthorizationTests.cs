using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Security;

/// <summary>
/// Checklist 6 / V5 8.2.1: every endpoint and every routable component names its authorization explicitly:
/// a policy or roles, or AllowAnonymous. A bare [Authorize] (the default policy) does not count.
/// </summary>
public sealed class EndpointAuthorizationTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    /// <summary>
    /// Framework endpoints the app does not author and cannot annotate one by one; each is named here on purpose.
    /// The Blazor Server hub (its negotiate, connect and disconnect endpoints) authenticates through the circuit's
    /// AuthenticationStateProvider and each page's own [Authorize]; blazor.web.js and the other _framework files are public script.
    /// </summary>
    private static readonly string[] FrameworkRoutePrefixes =
    [
        "/_blazor",       // Blazor Server hub: /_blazor, /_blazor/negotiate, /_blazor/disconnect, /_blazor/initializers
        "/_framework",    // blazor.web.js, blazor.server.js and friends
    ];

    /// <summary>
    /// MapStaticAssets' development-time fallback: with the build manifest (not a published one) it serves wwwroot files
    /// missing from the manifest, with a warning; MapStaticAssets' conventions (AllowAnonymous) do not reach it.
    /// Absent in a published app; turned off with the setting DisableStaticAssetNotFoundRuntimeFallback=true.
    /// </summary>
    private const string StaticAssetsRuntimeFallback = "Fallback {**path:file}";

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = factory.Server; // builds the pipeline, so every data source is filled
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    private static bool IsFramework(RouteEndpoint endpoint)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        return endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || FrameworkRoutePrefixes.Any(p => pattern.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || endpoint.DisplayName == StaticAssetsRuntimeFallback && endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata");
    }

    private static bool HasExplicitAuthorization(IEnumerable<object> metadata)
    {
        var list = metadata.ToList();
        return list.OfType<IAllowAnonymous>().Any()
            || list.OfType<IAuthorizeData>().Any(a => !string.IsNullOrWhiteSpace(a.Policy) || !string.IsNullOrWhiteSpace(a.Roles))
            || list.OfType<AuthorizationPolicy>().Any();
    }

    private static string Describe(RouteEndpoint e) =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText} ({e.DisplayName}) [{string.Join(", ", e.Metadata.Select(m => m.GetType().Name))}]";

    [Fact]
    public void Every_endpoint_has_an_explicit_policy_or_allows_anonymous()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 20, $"Only {endpoints.Count} endpoints found: the enumeration is broken.");
        var missing = endpoints.Where(e => !IsFramework(e) && !HasExplicitAuthorization(e.Metadata)).Select(Describe).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an explicit policy or AllowAnonymous:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_framework_exclusions_match_only_framework_endpoints()
    {
        var excluded = Endpoints().Where(IsFramework).ToList();
        // The hub is really there (so the exclusion is not hiding a typo), and nothing of the app's own falls under it.
        Assert.Contains(excluded, e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal));
        var appOwned = excluded.Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && e.DisplayName != StaticAssetsRuntimeFallback
            && !FrameworkRoutePrefixes.Any(p => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith(p, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(appOwned);
    }

    [Theory]
    [InlineData("/", "View")]
    [InlineData("/users", "View")]
    [InlineData("/users/export.csv", "View")]
    [InlineData("/invitations", "Operate")]
    [InlineData("/invitations/{id:guid}/export.csv", "Operate")]
    [InlineData("/staff", "Admin")]
    [InlineData("/settings", "Admin")]
    [InlineData("/audit", "Admin")]
    [InlineData("/audit/export.csv", "Admin")]
    [InlineData("/api-users", "Admin")]
    [InlineData("/api/reseller/users/", "ApiUser")]
    [InlineData("/api/reseller/invitations/", "ApiUser")]
    [InlineData("/api/reseller/invitations/{id:guid}", "ApiUser")]
    [InlineData("/api/reseller/users/{username}/signin", "ApiUser")]
    public void Known_endpoints_carry_the_intended_policy(string pattern, string policy)
    {
        var matches = Endpoints().Where(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/') == pattern).ToList();
        Assert.NotEmpty(matches);
        Assert.All(matches, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == policy);
        });
    }

    public static TheoryData<string> RoutableComponents()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).OrderBy(t => t.FullName))
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutableComponents))]
    public void Every_routable_component_has_an_explicit_policy_or_allows_anonymous(string typeName)
    {
        var type = typeof(Program).Assembly.GetType(typeName)!;
        var routes = string.Join(", ", type.GetCustomAttributes<RouteAttribute>().Select(r => r.Template));
        Assert.True(HasExplicitAuthorization(type.GetCustomAttributes(inherit: true)), $"{typeName} ({routes}) has no policy, roles or AllowAnonymous.");
    }

    [Fact]
    public void Routable_components_are_found()
    {
        // /, /users, /invitations, /invitations/{id}, /staff, /settings, /audit, /api-users, login, password, access-denied, setup, error, not-found
        Assert.True(RoutableComponents().Count >= 14, $"Only {RoutableComponents().Count} routable components found.");
    }
}
