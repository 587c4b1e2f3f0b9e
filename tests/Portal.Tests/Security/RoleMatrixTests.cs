using System.Net;
using System.Net.Http.Json;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

public enum Caller
{
    Anonymous,
    Viewer,
    Operator,
    Admin,
    ApiUser,
    ApiAdmin,
    SessionToken,
}

public enum Expect
{
    /// <summary>200.</summary>
    Ok,

    /// <summary>202 (an invitation job started).</summary>
    Accepted,

    /// <summary>404: authorized, but the thing asked for does not exist.</summary>
    NotFound,

    /// <summary>A staff page or endpoint refused: redirect to the login page.</summary>
    Login,

    /// <summary>A signed-in staff member without the role: redirect to the access-denied page.</summary>
    Denied,

    /// <summary>401 from an API.</summary>
    Unauthorized,

    /// <summary>403 from an API.</summary>
    Forbidden,
}

/// <summary>One host with a signed-in client per staff role, an API user, an admin API user and a session token.</summary>
public sealed class RoleMatrixFixture : IAsyncLifetime
{
    public SecurityFactory Factory { get; } = new();

    public Dictionary<Caller, HttpClient> Staff { get; } = [];

    public ApiCredential ApiUser { get; private set; } = default!;

    public ApiCredential ApiAdmin { get; private set; } = default!;

    public string SessionToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Staff[Caller.Anonymous] = Factory.CreateBrowserLikeClient();
        Staff[Caller.Viewer] = await Factory.CreateSignedInClientAsync(await Factory.CreateStaffAsync(StaffRoles.Viewer));
        Staff[Caller.Operator] = await Factory.CreateSignedInClientAsync(await Factory.CreateStaffAsync(StaffRoles.Operator));
        Staff[Caller.Admin] = await Factory.CreateSignedInClientAsync(SecurityFactory.AdminEmail);
        ApiUser = await Factory.CreateApiUserAsync(isAdmin: false, prefix: "matrix");
        ApiAdmin = await Factory.CreateApiUserAsync(isAdmin: true, prefix: "matrix_admin");
        SessionToken = await Factory.IssueSessionTokenAsync(ApiUser);
    }

    public Task DisposeAsync()
    {
        foreach (var client in Staff.Values)
        {
            client.Dispose();
        }
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Issue 7's role-by-endpoint matrix: every caller kind against representative pages, exports and APIs, each cell asserted.
/// Staff sign in through the real login form; API users are created through ApiUserService, bound to 127.0.0.1 (the forced peer).
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixFixture fixture) : IClassFixture<RoleMatrixFixture>
{
    private const string MissingJob = "3f2b8c1e-0000-4000-8000-00000000abcd";

    // Columns: Anonymous, Viewer, Operator, Admin, ApiUser, ApiAdmin, SessionToken.
    private static readonly Expect[] ViewPage = [Expect.Login, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Login, Expect.Login, Expect.Login];
    private static readonly Expect[] OperatePage = [Expect.Login, Expect.Denied, Expect.Ok, Expect.Ok, Expect.Login, Expect.Login, Expect.Login];
    private static readonly Expect[] OperateMissing = [Expect.Login, Expect.Denied, Expect.NotFound, Expect.NotFound, Expect.Login, Expect.Login, Expect.Login];
    private static readonly Expect[] AdminPage = [Expect.Login, Expect.Denied, Expect.Denied, Expect.Ok, Expect.Login, Expect.Login, Expect.Login];
    private static readonly Expect[] Public = [Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok];
    private static readonly Expect[] AdminApi = [Expect.Unauthorized, Expect.Unauthorized, Expect.Unauthorized, Expect.Unauthorized, Expect.Forbidden, Expect.Ok, Expect.Unauthorized];
    private static readonly Expect[] IntegrationRead = [Expect.Unauthorized, Expect.Unauthorized, Expect.Unauthorized, Expect.Unauthorized, Expect.Ok, Expect.Ok, Expect.Ok];
    private static readonly Expect[] IntegrationStart = [Expect.Unauthorized, Expect.Unauthorized, Expect.Unauthorized, Expect.Unauthorized, Expect.Accepted, Expect.Accepted, Expect.Accepted];

    private static readonly (string Method, string Path, Expect[] Row)[] Endpoints =
    [
        ("GET", "/", ViewPage),
        ("GET", "/users", ViewPage),
        ("GET", "/users/export.csv", ViewPage),
        ("GET", "/invitations", OperatePage),
        ("GET", $"/invitations/{MissingJob}/export.csv", OperateMissing),
        ("GET", "/staff", AdminPage),
        ("GET", "/settings", AdminPage),
        ("GET", "/audit", AdminPage),
        ("GET", "/api-users", AdminPage),
        ("GET", "/audit/export.csv", AdminPage),
        ("GET", "/api-reference/", AdminPage),
        ("GET", "/openapi/v1.json", Public),
        ("GET", "/api/users/{adminApiKey}", AdminApi),
        ("GET", "/api/reseller/users", IntegrationRead),
        ("POST", "/api/reseller/invitations", IntegrationStart),
    ];

    public static TheoryData<Caller, string, string, Expect> Cells()
    {
        var data = new TheoryData<Caller, string, string, Expect>();
        foreach (var (method, path, row) in Endpoints)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(caller, method, path, row[(int)caller]);
            }
        }
        return data;
    }

    [Fact]
    public void The_matrix_covers_every_caller_for_every_endpoint() =>
        Assert.All(Endpoints, e => Assert.Equal(Enum.GetValues<Caller>().Length, e.Row.Length));

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell(Caller caller, string method, string path, Expect expected)
    {
        path = path.Replace("{adminApiKey}", Uri.EscapeDataString(fixture.ApiAdmin.ApiKey), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { invitations = new[] { new { email = $"matrix-{Guid.NewGuid():N}@matrix.example", computers = 1 } } });
        }
        HttpClient client;
        switch (caller)
        {
            case Caller.ApiUser or Caller.ApiAdmin:
                var credential = caller == Caller.ApiUser ? fixture.ApiUser : fixture.ApiAdmin;
                // Both header sets: the integration API reads Apikey/Token, the admin API Admin-Apikey/Admin-Token.
                credential.ApplyIntegration(request);
                credential.ApplyAdmin(request);
                client = fixture.Staff[Caller.Anonymous];
                break;
            case Caller.SessionToken:
                request.ApplyBearer(fixture.SessionToken);
                client = fixture.Staff[Caller.Anonymous];
                break;
            default:
                client = fixture.Staff[caller];
                break;
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var because = $"{caller} {method} {path}: {status} {response.Headers.Location} {body[..Math.Min(body.Length, 300)]}";
        switch (expected)
        {
            case Expect.Ok:
                Assert.True(status == 200, because);
                break;
            case Expect.Accepted:
                Assert.True(status == 202, because);
                break;
            case Expect.NotFound:
                Assert.True(status == 404, because);
                break;
            case Expect.Login:
                Assert.True(status == 302 && response.LocalTarget()!.StartsWith("/account/login", StringComparison.Ordinal), because);
                break;
            case Expect.Denied:
                Assert.True(status == 302 && response.LocalTarget()!.StartsWith("/account/access-denied", StringComparison.Ordinal), because);
                break;
            case Expect.Unauthorized:
                Assert.True(status == 401, because);
                Assert.DoesNotContain(fixture.ApiAdmin.Token, body, StringComparison.Ordinal);
                break;
            case Expect.Forbidden:
                Assert.True(status == 403, because);
                Assert.DoesNotContain(fixture.ApiAdmin.Token, body, StringComparison.Ordinal);
                break;
        }
    }
}
