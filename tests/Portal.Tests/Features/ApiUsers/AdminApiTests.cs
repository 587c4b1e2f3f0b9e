using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;
using static Portal.Tests.Features.ApiUsers.ApiUsersFactory;

namespace Portal.Tests.Features.ApiUsers;

/// <summary>The spec's /users resource and the decisions, sentence by sentence, over HTTP.</summary>
public sealed class AdminApiTests : IClassFixture<ApiUsersFactory>, IAsyncLifetime
{
    private readonly ApiUsersFactory _factory;
    private HttpClient _client = default!;
    private (string Key, string Token) _admin;

    public AdminApiTests(ApiUsersFactory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        _admin = await _factory.SeedAsync("root admin");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static HttpRequestMessage Request(HttpMethod method, string path, (string Key, string Token)? admin, object? body = null,
        bool underscored = false, string? peer = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (admin is { } a)
        {
            request.Headers.TryAddWithoutValidation(underscored ? "admin_apikey" : "Admin-Apikey", B64(a.Key));
            request.Headers.TryAddWithoutValidation(underscored ? "admin_token" : "Admin-Token", B64(a.Token));
        }
        if (peer is not null)
        {
            request.Headers.TryAddWithoutValidation(PeerHeader, peer);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        return request;
    }

    private async Task<JsonElement> CreateOkAsync(object body)
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Post, "/api/users", _admin, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Post_returns_the_example_object_in_its_order()
    {
        var user = await CreateOkAsync(new { apikey_prefix = "Testnutzer", ip = "127.0.0.1", endtime = "2026-03-30", isAdmin = "false" });
        Assert.Equal(["apikey", "token", "starttime", "endtime", "IPv4", "IPv6", "isAdmin", "isDeleted"], user.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^Testnutzer_[0-9a-v]{27}$", user.GetProperty("apikey").GetString());
        Assert.Matches("^[0-9a-v]{75}$", user.GetProperty("token").GetString());
        Assert.Equal("2026-01-15", user.GetProperty("starttime").GetString());
        Assert.Equal("2026-03-30", user.GetProperty("endtime").GetString());
        Assert.Equal("127.0.0.1", user.GetProperty("IPv4").GetString());
        Assert.Equal("NULL", user.GetProperty("IPv6").GetString());
        Assert.False(user.GetProperty("isAdmin").GetBoolean());
        Assert.False(user.GetProperty("isDeleted").GetBoolean());
    }

    [Fact]
    public async Task Both_header_spellings_work_on_every_call()
    {
        foreach (var underscored in new[] { false, true })
        {
            using var post = await _client.SendAsync(Request(HttpMethod.Post, "/api/users", _admin, new { ip = "127.0.0.1", endtime = "2026-03-30" }, underscored));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            var key = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("apikey").GetString()!;
            using var get = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{key}", _admin, underscored: underscored));
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            using var put = await _client.SendAsync(Request(HttpMethod.Put, $"/api/users/{key}", _admin, new { endtime = "2026-04-30" }, underscored));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            using var delete = await _client.SendAsync(Request(HttpMethod.Delete, $"/api/users/{key}", _admin, underscored: underscored));
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }
    }

    [Theory]
    [InlineData("Max Mustermann GmbH", "^Max_Mustermann_GmbH_[0-9a-v]{27}$")]
    [InlineData("Müller & Söhne AG!", "^Mller__Shne_AG_[0-9a-v]{27}$")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCD", "^abcdefghijklmnopqrstuvwx_[0-9a-v]{27}$")]
    [InlineData("a-b_c", "^a-b_c_[0-9a-v]{27}$")]
    [InlineData("", "^[0-9a-v]{27}$")]
    [InlineData("äöü€", "^[0-9a-v]{27}$")]
    public async Task Prefix_rules(string prefix, string pattern)
    {
        var user = await CreateOkAsync(new { apikey_prefix = prefix, ip = "127.0.0.1", endtime = "2026-03-30" });
        Assert.Matches(pattern, user.GetProperty("apikey").GetString());
    }

    [Fact]
    public async Task No_prefix_gives_only_the_random_part()
    {
        var user = await CreateOkAsync(new { ip = "127.0.0.1", endtime = "2026-03-30" });
        Assert.Matches("^[0-9a-v]{27}$", user.GetProperty("apikey").GetString());
    }

    [Theory]
    [InlineData("2001:db8::1", "NULL", "2001:db8::1")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", "NULL")]
    [InlineData("192.0.2.7", "192.0.2.7", "NULL")]
    public async Task Ip_version_is_detected(string ip, string v4, string v6)
    {
        var user = await CreateOkAsync(new { ip, endtime = "2026-03-30" });
        Assert.Equal(v4, user.GetProperty("IPv4").GetString());
        Assert.Equal(v6, user.GetProperty("IPv6").GetString());
    }

    [Theory]
    [InlineData("not an ip")]
    [InlineData("256.1.1.1")]
    [InlineData("127.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public async Task Bad_ip_is_400_naming_ip_and_creates_nothing(string ip)
    {
        var before = (await _factory.Users.ListAsync()).Count;
        using var response = await _client.SendAsync(Request(HttpMethod.Post, "/api/users", _admin, new { ip, endtime = "2026-03-30" }));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("ip", problem.GetProperty("field").GetString());
        Assert.Equal(before, (await _factory.Users.ListAsync()).Count);
    }

    [Theory]
    [InlineData("2026-03-30", "2026-03-30")]
    [InlineData("2026-3-5", "2026-03-05")]
    [InlineData("2026-03-30 10:15:20", "2026-03-30 10:15:20")]
    [InlineData("2026-3-30 00:00:00", "2026-03-30")]
    [InlineData("2026-03-30 10:15:20.123456789", "2026-03-30 10:15:20")]
    public async Task Endtime_forms_are_accepted(string endtime, string printed)
    {
        var user = await CreateOkAsync(new { ip = "127.0.0.1", endtime });
        Assert.Equal(printed, user.GetProperty("endtime").GetString());
    }

    [Theory]
    [InlineData("2016-02-30")]
    [InlineData("2016-3-5 7:05:00")]
    [InlineData("2016-03-30T10:00:00")]
    [InlineData("30.03.2016")]
    [InlineData("2016-03-30 24:00:00")]
    [InlineData("2016-03-30 10:00")]
    [InlineData("2016-13-01")]
    [InlineData("2016-03-30\n")]
    [InlineData("")]
    public async Task Bad_endtime_is_400_and_nothing_is_created(string endtime)
    {
        var before = (await _factory.Users.ListAsync()).Count;
        using var response = await _client.SendAsync(Request(HttpMethod.Post, "/api/users", _admin, new { ip = "127.0.0.1", endtime }));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("endtime", problem.GetProperty("field").GetString());
        Assert.Equal(before, (await _factory.Users.ListAsync()).Count);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("false", false)]
    public async Task IsAdmin_variants(string json, bool expected)
    {
        var user = await CreateOkAsync($$"""{"ip":"127.0.0.1","endtime":"2026-03-30","isAdmin":{{json}}}""");
        Assert.Equal(expected, user.GetProperty("isAdmin").GetBoolean());
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("{}")]
    public async Task Bad_isAdmin_is_400(string json)
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Post, "/api/users", _admin, $$"""{"ip":"127.0.0.1","endtime":"2026-03-30","isAdmin":{{json}}}"""));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("isAdmin", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("{\"ip\":\"127.0.0.1\",\"ip\":\"127.0.0.2\",\"endtime\":\"2026-03-30\"}")]
    public async Task Malformed_body_is_400_problem(string body)
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Post, "/api/users", _admin, body));
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_put_delete_and_get_after_delete()
    {
        var key = (await CreateOkAsync(new { ip = "127.0.0.1", endtime = "2026-03-30" })).GetProperty("apikey").GetString();

        using var put = await _client.SendAsync(Request(HttpMethod.Put, $"/api/users/{key}", _admin, new { endtime = "2026-06-01 12:30:00" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("text/plain", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", await put.Content.ReadAsStringAsync());

        using var get = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{key}", _admin));
        var got = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2026-06-01 12:30:00", got.GetProperty("endtime").GetString());
        Assert.Matches("^[0-9a-v]{75}$", got.GetProperty("token").GetString());

        using var delete = await _client.SendAsync(Request(HttpMethod.Delete, $"/api/users/{key}", _admin));
        Assert.Equal("text/plain", delete.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", await delete.Content.ReadAsStringAsync());

        using var afterDelete = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{key}", _admin));
        Assert.Equal(HttpStatusCode.OK, afterDelete.StatusCode);
        Assert.True(JsonDocument.Parse(await afterDelete.Content.ReadAsStringAsync()).RootElement.GetProperty("isDeleted").GetBoolean());

        using var putDeleted = await _client.SendAsync(Request(HttpMethod.Put, $"/api/users/{key}", _admin, new { endtime = "2026-07-01" }));
        await ProblemAsync(putDeleted, HttpStatusCode.NotFound);
        using var deleteAgain = await _client.SendAsync(Request(HttpMethod.Delete, $"/api/users/{key}", _admin));
        await ProblemAsync(deleteAgain, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_apikey_is_404_on_get_put_delete()
    {
        using var get = await _client.SendAsync(Request(HttpMethod.Get, "/api/users/nobody_0000", _admin));
        await ProblemAsync(get, HttpStatusCode.NotFound);
        using var put = await _client.SendAsync(Request(HttpMethod.Put, "/api/users/nobody_0000", _admin, new { endtime = "2026-07-01" }));
        await ProblemAsync(put, HttpStatusCode.NotFound);
        using var delete = await _client.SendAsync(Request(HttpMethod.Delete, "/api/users/nobody_0000", _admin));
        await ProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_with_bad_endtime_is_400()
    {
        var key = (await CreateOkAsync(new { ip = "127.0.0.1", endtime = "2026-03-30" })).GetProperty("apikey").GetString();
        using var put = await _client.SendAsync(Request(HttpMethod.Put, $"/api/users/{key}", _admin, new { endtime = "2026-02-30" }));
        Assert.Equal("endtime", (await ProblemAsync(put, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_key_and_wrong_token_give_identical_401_bodies()
    {
        using var unknown = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", ("nobody", _admin.Token)));
        using var wrong = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", (_admin.Key, "wrong-token")));
        using var none = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", null));
        var bodies = new List<string>();
        foreach (var response in new[] { unknown, wrong, none })
        {
            await ProblemAsync(response, HttpStatusCode.Unauthorized);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Single(bodies.Distinct());
    }

    public static TheoryData<string, string?, string?> BadHeaders => new()
    {
        { "not base64", "!!!***", null },
        { "not utf-8", Convert.ToBase64String([0xff, 0xfe, 0xfd]), null },
        { "oversized", new string('A', 20_000), null },
        { "empty", "", null },
        { "control chars", Convert.ToBase64String("a\r\nb"u8.ToArray()), null },
        { "both spellings", null, "both" },
        { "repeated", null, "repeat" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Bad_admin_headers_are_401_never_500(string _, string? keyValue, string? mode)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{_admin.Key}");
        request.Headers.TryAddWithoutValidation("Admin-Token", B64(_admin.Token));
        switch (mode)
        {
            case "both":
                request.Headers.TryAddWithoutValidation("Admin-Apikey", B64(_admin.Key));
                request.Headers.TryAddWithoutValidation("admin_apikey", B64(_admin.Key));
                break;
            case "repeat":
                request.Headers.TryAddWithoutValidation("Admin-Apikey", [B64(_admin.Key), B64(_admin.Key)]);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Admin-Apikey", keyValue);
                break;
        }
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApiProblems.UnauthorizedJson, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Non_admin_caller_is_403()
    {
        var plain = await _factory.SeedAsync("plain", isAdmin: false);
        using var response = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", plain));
        await ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Deleted_admin_is_403()
    {
        var other = await _factory.SeedAsync("other admin");
        using var delete = await _client.SendAsync(Request(HttpMethod.Delete, $"/api/users/{other.ApiKey}", _admin));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var response = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", other));
        await ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Wrong_ip_is_403_and_spoofed_forwarded_for_from_untrusted_peer_is_ignored()
    {
        using var wrongPeer = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", _admin, peer: "203.0.113.5"));
        await ProblemAsync(wrongPeer, HttpStatusCode.Forbidden);

        var spoofed = Request(HttpMethod.Get, $"/api/users/{_admin.Key}", _admin, peer: "203.0.113.5");
        spoofed.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
        using var spoofedResponse = await _client.SendAsync(spoofed);
        await ProblemAsync(spoofedResponse, HttpStatusCode.Forbidden);

        var proxied = Request(HttpMethod.Get, $"/api/users/{_admin.Key}", _admin, peer: "10.9.9.9");
        proxied.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
        using var proxiedResponse = await _client.SendAsync(proxied);
        Assert.Equal(HttpStatusCode.OK, proxiedResponse.StatusCode);

        // A trusted proxy forwarding a stranger's address still gets 403.
        var proxiedStranger = Request(HttpMethod.Get, $"/api/users/{_admin.Key}", _admin, peer: "10.9.9.9");
        proxiedStranger.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.5");
        using var strangerResponse = await _client.SendAsync(proxiedStranger);
        await ProblemAsync(strangerResponse, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ipv4_mapped_peer_matches_an_ipv4_binding()
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Get, $"/api/users/{_admin.Key}", _admin, peer: "::ffff:127.0.0.1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Database_holds_no_token_in_clear()
    {
        var created = await CreateOkAsync(new { ip = "127.0.0.1", endtime = "2026-03-30" });
        var token = created.GetProperty("token").GetString()!;
        var plain = await _factory.SeedAsync("cli", isAdmin: false);
        var cli = new HttpRequestMessage(HttpMethod.Post, "/api/cli-credential");
        cli.Headers.TryAddWithoutValidation("Apikey", B64(plain.ApiKey));
        cli.Headers.TryAddWithoutValidation("Token", B64(plain.Token));
        using var cliResponse = await _client.SendAsync(cli);
        var session = JsonDocument.Parse(await cliResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionToken").GetString()!;

        var secrets = new[] { token, plain.Token, session, _admin.Token };
        var values = _factory.Database.AllValues();
        Assert.Contains("table:ApiUsers", values);
        foreach (var value in values)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, value, StringComparison.OrdinalIgnoreCase);
            }
        }
        var scanned = values.Count(v => !v.StartsWith("table:", StringComparison.Ordinal));
        Assert.True(scanned > 0);
    }

    [Fact]
    public async Task Audit_rows_name_the_admin_and_never_the_token()
    {
        var created = await CreateOkAsync(new { apikey_prefix = "audited", ip = "127.0.0.1", endtime = "2026-03-30" });
        var key = created.GetProperty("apikey").GetString()!;
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var row = await db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Action == "api-user.created" && e.Target == key);
        Assert.Equal(_admin.Key, row.Actor);
        Assert.Equal(AuditActorKind.ApiUser, row.ActorKind);
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, row.Detail ?? "");
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_openapi_document()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/users").TryGetProperty("post", out _));
        var item = paths.GetProperty("/api/users/{apikey}");
        Assert.True(item.TryGetProperty("get", out _));
        Assert.True(item.TryGetProperty("put", out _));
        Assert.True(item.TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/cli-credential").TryGetProperty("post", out _));
    }

    [Fact]
    public void Every_api_endpoint_declares_its_authorization()
    {
        var sources = _factory.Services.GetRequiredService<IEnumerable<Microsoft.AspNetCore.Routing.EndpointDataSource>>();
        var endpoints = sources.SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("/openapi", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(endpoints.Count >= 6);
        foreach (var endpoint in endpoints)
        {
            var declared = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
                || endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Count > 0;
            Assert.True(declared, $"{endpoint.DisplayName} has no explicit authorization");
        }
    }
}
