using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.ApiUsers;
using static Portal.Tests.Features.ApiUsers.ApiUsersFactory;

namespace Portal.Tests.Features.ApiUsers;

/// <summary>Tests that move the clock or exhaust a limit: each gets its own host.</summary>
public sealed class SessionAndLimitsTests
{
    private static HttpRequestMessage Cli((string Key, string Token) user, string? peer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cli-credential");
        request.Headers.TryAddWithoutValidation("Apikey", B64(user.Key));
        request.Headers.TryAddWithoutValidation("Token", B64(user.Token));
        if (peer is not null)
        {
            request.Headers.TryAddWithoutValidation(PeerHeader, peer);
        }
        return request;
    }

    private static async Task<(string Token, string Expires)> IssueAsync(HttpClient client, (string, string) user)
    {
        using var response = await client.SendAsync(Cli(user));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["sessionToken", "expires"], json.EnumerateObject().Select(p => p.Name));
        return (json.GetProperty("sessionToken").GetString()!, json.GetProperty("expires").GetString()!);
    }

    [Fact]
    public async Task Session_token_lifetime_is_configured_and_expires()
    {
        using var factory = new ApiUsersFactory(new Dictionary<string, string?> { ["Portal:Api:SessionTokenLifetime"] = "00:30:00" });
        var user = await factory.SeedAsync("cli", isAdmin: false);
        var client = factory.CreateClient();
        var (token, expires) = await IssueAsync(client, user);
        Assert.Matches("^[0-9a-v]{52}$", token);
        Assert.Equal("2026-01-15 10:30:00", expires);

        Assert.Equal(CredentialStatus.Valid, (await factory.Users.CheckSessionTokenAsync(token)).Status);
        factory.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(CredentialStatus.Invalid, (await factory.Users.CheckSessionTokenAsync(token)).Status);
    }

    // This test hung in clean-clone CI runs, in "stopping the host": it is the one test here that runs long enough for
    // the embedded sandbox to start and the user list's first refresh to begin, and a refresh cut off by the sandbox's
    // stop then retried on this host's clock, which never moves, and held the stop (Hosting/ShutdownTests.cs; fixed in
    // ResellerUserCache). Each step keeps a deadline, so a hang fails the test and names its step, with the host's last
    // log lines, instead of the test host being killed with the run's other results.
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(60);

    private static async Task<T> StepAsync<T>(ApiUsersFactory factory, string step, Func<Task<T>> action)
    {
        try
        {
            return await Task.Run(action).WaitAsync(StepDeadline);
        }
        catch (TimeoutException)
        {
            var log = string.Join(Environment.NewLine, factory.Log.TakeLast(40));
            throw new TimeoutException($"Hung: {step} did not finish within {StepDeadline.TotalSeconds:0} s. The host's last log lines:{Environment.NewLine}{log}");
        }
    }

    private static Task StepAsync(ApiUsersFactory factory, string step, Action action) => StepAsync(factory, step, () =>
    {
        action();
        return Task.FromResult(true);
    });

    [Fact]
    public async Task Expired_session_tokens_are_swept_from_the_table()
    {
        var factory = new ApiUsersFactory(new Dictionary<string, string?> { ["Portal:Api:SessionTokenLifetime"] = "00:30:00" });
        try
        {
            var user = await StepAsync(factory, "starting the host and seeding an API user", () => factory.SeedAsync("sweep", isAdmin: false));
            var client = factory.CreateClient();
            await StepAsync(factory, "issuing a session token", () => IssueAsync(client, user));
            var dbFactory = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Data.PortalDbContext>>();
            async Task<int> CountAsync()
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<SessionToken>());
            }
            Assert.Equal(1, await StepAsync(factory, "counting the session tokens", CountAsync));

            // The sweeper runs hourly on the app's clock; moving the clock past both the expiry and the next run removes the row.
            await StepAsync(factory, "moving the clock 61 minutes", () => factory.Time.Advance(TimeSpan.FromMinutes(61)));

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await StepAsync(factory, "counting the session tokens", CountAsync) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            Assert.Equal(0, await StepAsync(factory, "counting the session tokens", CountAsync));
        }
        finally
        {
            await StepAsync(factory, "stopping the host", factory.Dispose);
        }
    }

    [Fact]
    public async Task Session_token_never_outlives_the_user_and_dies_with_it()
    {
        using var factory = new ApiUsersFactory();
        var user = await factory.SeedAsync("short", isAdmin: false, lifetime: TimeSpan.FromMinutes(10));
        var client = factory.CreateClient();
        var (token, expires) = await IssueAsync(client, user);
        Assert.Equal("2026-01-15 10:10:00", expires);

        var second = await factory.SeedAsync("deleted", isAdmin: false);
        var (secondToken, _) = await IssueAsync(client, second);
        Assert.Equal(CredentialStatus.Valid, (await factory.Users.CheckSessionTokenAsync(secondToken)).Status);
        Assert.True(await factory.Users.DeleteAsync(second.ApiKey, Portal.Features.Audit.AuditActor.System));
        Assert.NotEqual(CredentialStatus.Valid, (await factory.Users.CheckSessionTokenAsync(secondToken)).Status);

        factory.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.NotEqual(CredentialStatus.Valid, (await factory.Users.CheckSessionTokenAsync(token)).Status);
    }

    [Fact]
    public async Task Cli_credential_refuses_unknown_wrong_ip_deleted_and_expired()
    {
        using var factory = new ApiUsersFactory();
        var user = await factory.SeedAsync("cli", isAdmin: false, lifetime: TimeSpan.FromHours(2));
        var client = factory.CreateClient();

        using var unknown = await client.SendAsync(Cli(("nobody", user.Token)));
        using var wrongToken = await client.SendAsync(Cli((user.ApiKey, "nope")));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await wrongToken.Content.ReadAsStringAsync());

        using var wrongIp = await client.SendAsync(Cli(user, peer: "198.51.100.1"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongIp.StatusCode);

        factory.Time.Advance(TimeSpan.FromHours(2));
        using var expired = await client.SendAsync(Cli(user));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task Expired_admin_is_403_on_the_admin_api()
    {
        using var factory = new ApiUsersFactory();
        var admin = await factory.SeedAsync("admin", lifetime: TimeSpan.FromDays(1));
        var client = factory.CreateClient();
        using (var ok = await client.SendAsync(AdminApiTests.Request(HttpMethod.Get, $"/api/users/{admin.ApiKey}", admin)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        factory.Time.Advance(TimeSpan.FromDays(1));
        using var expired = await client.SendAsync(AdminApiTests.Request(HttpMethod.Get, $"/api/users/{admin.ApiKey}", admin));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task Endtime_is_read_and_printed_in_the_configured_zone_and_stored_in_utc()
    {
        using var factory = new ApiUsersFactory(new Dictionary<string, string?> { ["Portal:Api:TimeZone"] = "Europe/Berlin" });
        var admin = await factory.SeedAsync("admin");
        var client = factory.CreateClient();
        using var response = await client.SendAsync(AdminApiTests.Request(HttpMethod.Post, "/api/users", admin,
            new { ip = "127.0.0.1", endtime = "2026-03-30" }));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2026-03-30", json.GetProperty("endtime").GetString());
        var stored = (await factory.Users.ListAsync()).Single(u => u.ApiKey == json.GetProperty("apikey").GetString());
        Assert.Equal(new DateTime(2026, 3, 29, 22, 0, 0, DateTimeKind.Utc), stored.EndTimeUtc);

        // 02:30 on the last Sunday of March does not exist in Berlin.
        using var gap = await client.SendAsync(AdminApiTests.Request(HttpMethod.Post, "/api/users", admin,
            new { ip = "127.0.0.1", endtime = "2026-03-29 02:30:00" }));
        Assert.Equal(HttpStatusCode.BadRequest, gap.StatusCode);
    }

    [Fact]
    public async Task Api_reference_is_for_staff_admins_only()
    {
        using var factory = new ApiUsersFactory();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_retry_after()
    {
        using var factory = new ApiUsersFactory(new Dictionary<string, string?> { ["Portal:Api:AdminPermitLimit"] = "3", ["Portal:Api:RateLimitWindow"] = "00:01:00" });
        var admin = await factory.SeedAsync("admin");
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.SendAsync(AdminApiTests.Request(HttpMethod.Get, $"/api/users/{admin.ApiKey}", admin));
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);

        // Another apikey has its own budget; failed guesses for a key spend that key's budget.
        var other = await factory.SeedAsync("other");
        using var otherResponse = await client.SendAsync(AdminApiTests.Request(HttpMethod.Get, $"/api/users/{other.ApiKey}", other));
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        last.Dispose();
    }
}

/// <summary>The ApiCredential scheme and ApiPolicies as the integration API will use them.</summary>
public sealed class ApiCredentialSchemeTests
{
    private static async Task<(AuthenticateResult Result, bool Allowed, bool Admin, string Body, int Status)> ProbeAsync(
        ApiUsersFactory factory, Action<HttpRequest> configure, string peer = "127.0.0.1")
    {
        using var scope = factory.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        http.Response.Body = new MemoryStream();
        configure(http.Request);
        var result = await http.AuthenticateAsync(ApiCredentialDefaults.Scheme);
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var principal = result.Principal ?? new System.Security.Claims.ClaimsPrincipal();
        var allowed = (await authorization.AuthorizeAsync(principal, ApiPolicies.ApiUser)).Succeeded;
        var admin = (await authorization.AuthorizeAsync(principal, ApiPolicies.ApiAdmin)).Succeeded;
        if (!allowed)
        {
            http.User = principal;
            if (result.Succeeded)
            {
                await http.ForbidAsync(ApiCredentialDefaults.Scheme);
            }
            else
            {
                await http.ChallengeAsync(ApiCredentialDefaults.Scheme);
            }
        }
        return (result, allowed, admin, System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()), http.Response.StatusCode);
    }

    [Fact]
    public async Task Bearer_session_token_from_any_address_and_apikey_headers_from_the_bound_one()
    {
        using var factory = new ApiUsersFactory();
        var user = await factory.SeedAsync("integration", isAdmin: false);
        var admin = await factory.SeedAsync("integration-admin");
        var client = factory.CreateClient();
        var cli = new HttpRequestMessage(HttpMethod.Post, "/api/cli-credential");
        cli.Headers.TryAddWithoutValidation("Apikey", B64(user.ApiKey));
        cli.Headers.TryAddWithoutValidation("Token", B64(user.Token));
        using var issued = await client.SendAsync(cli);
        var session = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionToken").GetString()!;

        var bearer = await ProbeAsync(factory, r => r.Headers.Authorization = $"Bearer {session}", peer: "198.51.100.77");
        Assert.True(bearer.Allowed);
        Assert.False(bearer.Admin);
        Assert.Equal(user.ApiKey, bearer.Result.Principal!.Identity!.Name);

        var headers = await ProbeAsync(factory, r =>
        {
            r.Headers["Apikey"] = B64(admin.ApiKey);
            r.Headers["Token"] = B64(admin.Token);
        });
        Assert.True(headers.Allowed);
        Assert.True(headers.Admin);

        var wrongIp = await ProbeAsync(factory, r =>
        {
            r.Headers["Apikey"] = B64(user.ApiKey);
            r.Headers["Token"] = B64(user.Token);
        }, peer: "198.51.100.77");
        Assert.False(wrongIp.Allowed);
        Assert.Equal(403, wrongIp.Status);

        var bogus = await ProbeAsync(factory, r => r.Headers.Authorization = "Bearer bogus");
        Assert.False(bogus.Allowed);
        Assert.Equal(401, bogus.Status);
        Assert.Equal(ApiProblems.UnauthorizedJson, bogus.Body);

        var none = await ProbeAsync(factory, _ => { });
        Assert.False(none.Allowed);

        Assert.True(await factory.Users.DeleteAsync(user.ApiKey, Portal.Features.Audit.AuditActor.System));
        var afterDelete = await ProbeAsync(factory, r => r.Headers.Authorization = $"Bearer {session}");
        Assert.False(afterDelete.Allowed);
    }
}
