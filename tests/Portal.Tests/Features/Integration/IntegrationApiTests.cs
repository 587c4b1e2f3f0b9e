using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Audit;
using Portal.Features.Invitations;
using Portal.Features.Users;
using Portal.Tests.Security;
using RemotePc.Sandbox;

namespace Portal.Tests.Features.Integration;

/// <summary>
/// The integration API (issue 6) over real HTTP against the embedded sandbox: list, add, sign-in, invitations,
/// strict parameters, audit with the apikey as actor, and rate limiting.
/// </summary>
public sealed class IntegrationApiTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private async Task<(HttpResponseMessage Response, JsonElement Json, ApiCredential User)> SendAsync(HttpMethod method, string path, object? body = null, ApiCredential? user = null, HttpContent? content = null)
    {
        user ??= await factory.CreateApiUserAsync(isAdmin: false, prefix: "integration");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        user.ApplyIntegration(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return (response, json, user);
    }

    private static string[] Usernames(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("username").GetString()!).ToArray();

    // ---- list ----

    [Fact]
    public async Task List_pages_sorts_and_filters_over_the_shared_list()
    {
        var all = factory.Sandbox.Users();
        var (r1, page1, user) = await SendAsync(HttpMethod.Get, "/api/reseller/users?sort=username&page=1&size=10");
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        Assert.Equal(all.Count, page1.GetProperty("total").GetInt32());
        Assert.Equal(1, page1.GetProperty("page").GetInt32());
        Assert.Equal(10, page1.GetProperty("pageSize").GetInt32());
        var sorted = all.Select(u => u.Username).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        Assert.Equal(sorted[..10], Usernames(page1), StringComparer.OrdinalIgnoreCase);

        var (_, page2, _) = await SendAsync(HttpMethod.Get, "/api/reseller/users?sort=username&page=2&size=10", user: user);
        Assert.Equal(sorted[10..20], Usernames(page2), StringComparer.OrdinalIgnoreCase);

        var (_, desc, _) = await SendAsync(HttpMethod.Get, "/api/reseller/users?sort=username&desc=true&size=5", user: user);
        Assert.Equal(sorted.Reverse().Take(5), Usernames(desc), StringComparer.OrdinalIgnoreCase);

        var (_, inactive, _) = await SendAsync(HttpMethod.Get, "/api/reseller/users?active=inactive&size=100", user: user);
        Assert.All(inactive.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("active").GetBoolean()));
        Assert.Equal(all.Count(u => !u.IsActive || u.IsCancelled), inactive.GetProperty("total").GetInt32());

        var (_, range, _) = await SendAsync(HttpMethod.Get, "/api/reseller/users?amin=2&amax=5&sort=allotted&size=100", user: user);
        var allotted = range.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("allottedComputers").GetInt32()).ToArray();
        Assert.All(allotted, a => Assert.InRange(a, 2, 5));
        Assert.Equal(allotted.Order(), allotted);
        Assert.Equal(all.Count(u => u.AllottedComputers is >= 2 and <= 5), range.GetProperty("total").GetInt32());

        var needle = all[3].Username[..Math.Min(6, all[3].Username.Length)];
        var (_, search, _) = await SendAsync(HttpMethod.Get, $"/api/reseller/users?q={Uri.EscapeDataString(needle)}&size=100", user: user);
        Assert.Contains(all[3].Username, Usernames(search), StringComparer.OrdinalIgnoreCase);
        Assert.All(Usernames(search), u => Assert.Contains(needle, u, StringComparison.OrdinalIgnoreCase));
    }

    public static TheoryData<string, string> BadParameters() => new()
    {
        { "active=maybe", "active" },
        { "active=1", "active" },
        { "unused=yes", "unused" },
        { "over=2", "over" },
        { "amin=-1", "amin" },
        { "amin=x", "amin" },
        { "amax=1.5", "amax" },
        { "amin=5&amax=2", "amin" },
        { "from=2024-13-01", "from" },
        { "from=01.02.2024", "from" },
        { "to=yesterday", "to" },
        { "from=2024-05-02&to=2024-05-01", "from" },
        { "sort=password", "sort" },
        { "sort=0", "sort" },
        { "desc=sure", "desc" },
        { "page=0", "page" },
        { "page=%2B1", "page" },
        { "size=0", "size" },
        { "size=100000", "size" },
        { "q=" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "aaaaaaaaaa" + "a", "q" },
        { "pagesize=10", "pagesize" },
        { "Page=1", "Page" },
        { "page=1&page=2", "page" },
        { "q=a&q=b", "q" },
        { "sort=username&sort=created", "sort" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task List_refuses_a_bad_unknown_or_repeated_parameter_with_400_naming_it(string query, string parameter)
    {
        var (response, json, _) = await SendAsync(HttpMethod.Get, "/api/reseller/users?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = json.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"{query}: {json}");
        Assert.Contains(parameter, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public bool Query_parser_never_throws_on_random_query_strings(string? raw)
    {
        var parsed = QueryHelpers.ParseQuery(raw ?? "");
        var ok = UserApiQuery.TryParse(new QueryCollection(parsed), 100, out var query, out var errors);
        return ok
            ? errors.Count == 0 && query.Page >= 0 && query.PageSize is >= 1 and <= 100
            : errors.Count > 0 && errors.All(e => e.Value.Length > 0 && e.Value.All(m => !string.IsNullOrWhiteSpace(m)));
    }

    [Property(MaxTest = 500)]
    public bool Query_parser_never_throws_on_random_pairs(string[] keys, string[] values)
    {
        var dictionary = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>();
        string[] known = ["q", "active", "unused", "over", "amin", "amax", "from", "to", "sort", "desc", "page", "size"];
        for (var i = 0; i < (keys?.Length ?? 0); i++)
        {
            // Half the keys are real parameter names, so the value parsers see random input too.
            var key = i % 2 == 0 ? known[Math.Abs(keys![i]?.Length ?? 0) % known.Length] : keys![i] ?? "";
            var value = values is { Length: > 0 } ? values[i % values.Length] : null;
            dictionary[key] = dictionary.TryGetValue(key, out var existing) && i % 3 == 0
                ? Microsoft.Extensions.Primitives.StringValues.Concat(existing, value)
                : new Microsoft.Extensions.Primitives.StringValues(value);
        }
        var ok = UserApiQuery.TryParse(new QueryCollection(dictionary), 100, out _, out var errors);
        return ok == (errors.Count == 0);
    }

    // ---- add ----

    [Fact]
    public async Task Add_creates_then_email_exists_is_409_and_both_are_audited_with_the_apikey()
    {
        var email = $"new-{Guid.NewGuid():N}@integration.example";
        var body = new { firstName = "Ada", lastName = "Lovelace", email, password = "Analytical1", allottedComputers = 2, sendEmailToUser = false };
        var (created, json, user) = await SendAsync(HttpMethod.Post, "/api/reseller/users", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(email, json.GetProperty("username").GetString());
        Assert.NotNull(factory.Sandbox.FindUser(email));

        var (again, problem, _) = await SendAsync(HttpMethod.Post, "/api/reseller/users", body, user);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("EMAIL_EXISTS", problem.GetProperty("title").GetString());

        var rows = (await factory.AuditAsync()).Where(e => e.Action == AuditActions.UserAdded && e.Target == email).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(user.ApiKey, r.Actor);
            Assert.Equal(AuditActorKind.ApiUser, r.ActorKind);
            Assert.Equal("127.0.0.1", r.ClientAddress);
        });
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failure], rows.Select(r => r.Outcome));
        Assert.DoesNotContain(rows, r => (r.Detail ?? "").Contains("Analytical1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_validation_is_400_naming_every_bad_field_and_sends_nothing()
    {
        var before = factory.Sandbox.ReceivedCount(SandboxEndpoint.Add);
        var (response, json, _) = await SendAsync(HttpMethod.Post, "/api/reseller/users",
            new { firstName = "", lastName = "", email = "not-an-address", password = "short", allottedComputers = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = json.GetProperty("errors");
        foreach (var field in new[] { "firstName", "lastName", "email", "password", "allottedComputers" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }
        Assert.Equal(before, factory.Sandbox.ReceivedCount(SandboxEndpoint.Add));
    }

    [Theory]
    [InlineData("{\"firstName\": ")]
    [InlineData("{\"allottedComputers\": \"many\"}")]
    [InlineData("\"just a string\"")]
    public async Task Add_with_malformed_json_is_400_not_500(string raw)
    {
        var (response, _, _) = await SendAsync(HttpMethod.Post, "/api/reseller/users", content: new StringContent(raw, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // ---- sign-in ----

    [Fact]
    public async Task Sign_in_requires_a_reason()
    {
        var username = factory.Sandbox.Users()[0].Username;
        var (response, json, _) = await SendAsync(HttpMethod.Post, $"/api/reseller/users/{Uri.EscapeDataString(username)}/signin",
            new { password = SandboxControl.SeededUserPassword, reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Sign_in_returns_a_fresh_link_each_time_never_cached_and_audits_the_reason_not_the_link()
    {
        var username = factory.Sandbox.Users().First(u => u.IsActive && !u.IsCancelled).Username;
        var path = $"/api/reseller/users/{Uri.EscapeDataString(username)}/signin";
        var reason = $"ticket {Guid.NewGuid():N}";
        var (first, json, user) = await SendAsync(HttpMethod.Post, path, new { password = SandboxControl.SeededUserPassword, reason });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoStore);
        var link = json.GetProperty("rpcRedirectLink").GetString()!;
        Assert.True(Uri.TryCreate(link, UriKind.Absolute, out _), link);
        var (second, json2, _) = await SendAsync(HttpMethod.Post, path, new { password = SandboxControl.SeededUserPassword, reason }, user);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(link, json2.GetProperty("rpcRedirectLink").GetString());

        var rows = (await factory.AuditAsync()).Where(e => e.Action == AuditActions.UserSignInAs && e.Actor == user.ApiKey).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(username, r.Target);
            Assert.Equal(AuditOutcome.Success, r.Outcome);
            Assert.Contains(reason, r.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(link, r.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_is_422_with_the_description()
    {
        var username = factory.Sandbox.Users().First(u => u.IsActive && !u.IsCancelled).Username;
        var (response, json, user) = await SendAsync(HttpMethod.Post, $"/api/reseller/users/{Uri.EscapeDataString(username)}/signin",
            new { password = "Wrong-Password-9", reason = "checking" });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("INVALID_CREDENTIALS", json.GetProperty("title").GetString());
        Assert.Equal("The customer's password is wrong.", json.GetProperty("detail").GetString());
        var row = (await factory.AuditAsync()).Last(e => e.Action == AuditActions.UserSignInAs && e.Actor == user.ApiKey);
        Assert.Equal(AuditOutcome.Failure, row.Outcome);
        Assert.DoesNotContain("Wrong-Password-9", row.Detail, StringComparison.Ordinal);
    }

    // ---- invitations ----

    [Fact]
    public async Task Invitations_with_a_bad_row_are_400_naming_it_and_nothing_is_written()
    {
        int JobCount()
        {
            using var db = factory.CreateDb();
            return db.Set<InvitationJob>().Count();
        }
        var before = JobCount();
        var (response, json, user) = await SendAsync(HttpMethod.Post, "/api/reseller/invitations", new
        {
            invitations = new object[]
            {
                new { email = $"ok-{Guid.NewGuid():N}@invite.example", computers = 1 },
                new { email = "not-an-address", computers = 1 },
                new { email = $"ok2-{Guid.NewGuid():N}@invite.example", computers = -3 },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("invitations[1].email", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("invitations[2].computers", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("invitations[0].email", out _));
        Assert.Equal(before, JobCount());
        Assert.DoesNotContain(await factory.AuditAsync(), e => e.Action == AuditActions.InvitationJobCreated && e.Actor == user.ApiKey);
    }

    [Fact]
    public async Task Invitation_job_runs_to_completed_with_per_address_results_and_is_audited()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var existing = factory.Sandbox.Users()[1].Username;
        var emails = Enumerable.Range(1, 3).Select(i => $"invitee{i}-{tag}@invite.example").ToList();
        var (started, json, user) = await SendAsync(HttpMethod.Post, "/api/reseller/invitations", new
        {
            defaultComputers = 2,
            invitations = emails.Select(e => new { email = e, computers = (int?)null }).Append(new { email = existing, computers = (int?)1 }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal(4, json.GetProperty("total").GetInt32());
        Assert.EndsWith($"/api/reseller/invitations/{id}", started.Headers.Location!.OriginalString, StringComparison.Ordinal);

        JsonElement job = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var (progress, body, _) = await SendAsync(HttpMethod.Get, $"/api/reseller/invitations/{id}", user: user);
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
            job = body;
            if (job.GetProperty("status").GetString() == "Completed")
            {
                break;
            }
            await Task.Delay(100); // polling the API as a client would; the job runs in the background processor
        }
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(4, job.GetProperty("done").GetInt32());
        var items = job.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("email").GetString()!, StringComparer.OrdinalIgnoreCase);
        Assert.All(emails, e =>
        {
            Assert.Equal("Invited", items[e].GetProperty("state").GetString());
            Assert.Equal(2, items[e].GetProperty("computers").GetInt32());
        });
        Assert.Equal("Exists", items[existing].GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("exists").GetInt32());

        var (filtered, onlyExists, _) = await SendAsync(HttpMethod.Get, $"/api/reseller/invitations/{id}?state=exists", user: user);
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Equal([existing], onlyExists.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()));

        var created = (await factory.AuditAsync()).Single(e => e.Action == AuditActions.InvitationJobCreated && e.Actor == user.ApiKey);
        Assert.Equal(AuditActorKind.ApiUser, created.ActorKind);
        Assert.Equal("127.0.0.1", created.ClientAddress);
    }

    [Theory]
    [InlineData("state=sent", "state")]
    [InlineData("state=1", "state")]
    [InlineData("page=0", "page")]
    [InlineData("size=1001", "size")]
    public async Task Invitation_progress_refuses_bad_parameters(string query, string parameter)
    {
        var (response, json, _) = await SendAsync(HttpMethod.Get, $"/api/reseller/invitations/{Guid.NewGuid()}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task Invitation_progress_of_an_unknown_job_is_404()
    {
        var (response, _, _) = await SendAsync(HttpMethod.Get, $"/api/reseller/invitations/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Every_integration_read_is_audited_with_the_apikey()
    {
        var (list, _, user) = await SendAsync(HttpMethod.Get, "/api/reseller/users?size=1");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var (missing, _, _) = await SendAsync(HttpMethod.Get, $"/api/reseller/invitations/{Guid.NewGuid()}", user: user);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(2, (await factory.AuditAsync()).Count(e => e.Actor == user.ApiKey && e.ActorKind == AuditActorKind.ApiUser));
    }
}

/// <summary>Rate limits need their own host (a low limit), so they never starve the other tests.</summary>
public sealed class IntegrationRateLimitTests
{
    [Fact]
    public async Task Over_the_limit_is_429_with_retry_after_per_apikey()
    {
        using var factory = SecurityFactory.Create(new SecurityFactoryOptions { Settings = new() { ["Portal:Api:IntegrationPermitLimit"] = "3" } });
        var first = await factory.CreateApiUserAsync(isAdmin: false, prefix: "limited");
        var second = await factory.CreateApiUserAsync(isAdmin: false, prefix: "other");
        using var client = factory.CreateClient();

        async Task<HttpResponseMessage> CallAsync(ApiCredential user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reseller/users?size=1");
            user.ApplyIntegration(request);
            return await client.SendAsync(request);
        }

        for (var i = 0; i < 3; i++)
        {
            using var ok = await CallAsync(first);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await CallAsync(first);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero && delta <= TimeSpan.FromMinutes(1), $"Retry-After {limited.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Partitioned by apikey, not by address: another API user on the same address still gets through.
        using var other = await CallAsync(second);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
