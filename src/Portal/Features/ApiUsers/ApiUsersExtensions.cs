using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Features.Staff;
using Scalar.AspNetCore;

namespace Portal.Features.ApiUsers;

public static class ApiUsersExtensions
{
    public static WebApplicationBuilder AddApiUsers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiUsersOptions>().BindConfiguration(ApiUsersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiUserLookup>();
        services.AddSingleton<ApiUserService>();
        services.AddHostedService<SessionTokenSweeper>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiCredentialHandler>(ApiCredentialDefaults.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.ApiUser, p => p.AddAuthenticationSchemes(ApiCredentialDefaults.Scheme).RequireRole(ApiCredentialDefaults.UserRole))
            .AddPolicy(ApiPolicies.ApiAdmin, p => p.AddAuthenticationSchemes(ApiCredentialDefaults.Scheme).RequireRole(ApiCredentialDefaults.AdminRole));

        services.AddRateLimiter(o =>
        {
            // The limiter's default rejection is 503; callers need 429 and when to come back.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Try again in {seconds} s.").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(ApiPolicies.AdminRateLimit, http => Partition(http, static o => o.AdminPermitLimit));
            o.AddPolicy(ApiPolicies.IntegrationRateLimit, http => Partition(http, static o => o.IntegrationPermitLimit));
        });

        AddForwardedHeadersUnlessConfigured(builder);

        if (!services.Any(d => d.ServiceType.FullName == "Microsoft.AspNetCore.OpenApi.OpenApiDocumentService"))
        {
            services.AddOpenApi();
        }
        return builder;
    }

    public static WebApplication MapApiUsersApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiUsersOptions>>().Value;
        app.MapApiUsersEndpoints(options.BasePath);
        app.MapOpenApi().AllowAnonymous();
        // Fonts come from a CDN by default: off, so the page works offline and under the portal's CSP.
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("Reseller Portal API").DefaultFonts = false).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// One fixed window per claimed apikey (admin or API headers, or the session token's hash); without one, per
    /// client address. Claimed, not verified: a guesser spends the budget of the key it attacks.
    /// </summary>
    private static RateLimitPartition<string> Partition(HttpContext http, Func<ApiUsersOptions, int> limit)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ApiUsersOptions>>().Value;
        var headers = http.Request.Headers;
        var key = ApiInput.ReadBase64Header(headers, "Admin-Apikey", "admin_apikey") ?? ApiInput.ReadBase64Header(headers, "Apikey");
        string partition;
        if (key is not null)
        {
            partition = "key:" + key;
        }
        else if (headers.Authorization.Count == 1 && headers.Authorization[0] is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            partition = "session:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(auth)))[..16];
        }
        else
        {
            partition = "ip:" + (ClientAddress.Of(http)?.ToString() ?? "unknown");
        }
        var permits = limit(options);
        var window = options.RateLimitWindow;
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed only from Portal:Api:TrustedProxies (the defaults, loopback, are cleared).
    /// Skipped when the host already forwards headers (ASPNETCORE_FORWARDEDHEADERS_ENABLED or another
    /// ForwardedHeadersOptions configuration), so the middleware never runs twice.
    /// </summary>
    private static void AddForwardedHeadersUnlessConfigured(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (string.Equals(builder.Configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase)
            // The host always registers ForwardedHeadersOptionsSetup (it reads that variable); anything else is someone's own setup.
            || services.Any(d => d.ServiceType == typeof(IConfigureOptions<ForwardedHeadersOptions>)
                && d.ImplementationType?.Name != "ForwardedHeadersOptionsSetup"))
        {
            return;
        }
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiUsersOptions>>((o, api) =>
        {
            // Two empty proxy lists mean "trust every peer" to the middleware; no configured proxy must mean "trust none".
            // X-Forwarded-Proto too: behind a TLS-terminating proxy the request is https to the browser, so cookies are
            // marked Secure and HSTS is sent (both key off Request.IsHttps).
            o.ForwardedHeaders = api.Value.TrustedProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in api.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    o.KnownProxies.Add(ApiInput.Normalize(address));
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    o.KnownIPNetworks.Add(network);
                }
            }
        });
        services.AddTransient<IStartupFilter, ForwardedHeadersStartupFilter>();
    }

    // First in the pipeline, so everything after (authentication, audit, the limiter) sees the real client.
    private sealed class ForwardedHeadersStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }
}
