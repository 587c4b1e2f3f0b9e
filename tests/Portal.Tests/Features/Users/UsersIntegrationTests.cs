using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Staff;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;
using RemotePc.Sandbox;

namespace Portal.Tests.Features.Users;

/// <summary>The export endpoint and the add / sign-in-as services through the real app, client and sandbox. One portal per test.</summary>
public sealed class UsersIntegrationTests : IDisposable
{
    private static readonly AuditActor Operator = new("op@portal.test", AuditActorKind.Staff, "203.0.113.7");

    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private SandboxControl Sandbox => _factory.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<T> InScopeAsync<T, TService>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    [Fact]
    public async Task The_export_is_the_filtered_sorted_view_for_a_signed_in_viewer()
    {
        var viewer = $"viewer-{Guid.NewGuid():N}@portal.test";
        await _factory.CreateStaffAsync(StaffRoles.Viewer, viewer);
        var client = await _factory.CreateSignedInClientAsync(viewer);
        const string view = "?active=active&sort=utilized&desc=1&size=10&page=2";

        using var response = await client.GetAsync("/users/export.csv" + view);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"users-", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First());
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        var snapshot = (await _factory.Services.GetRequiredService<ResellerUserCache>().GetAsync()).Snapshot!;
        // The whole view, not one page: paging parameters do not cut the export.
        var expected = UserQueryEngine.Matching(snapshot, UserQuery.Parse(view, 200)).Select(u => u.Username).ToArray();
        Assert.Equal(["Email", "Allotted computers", "Utilized computers", "Created", "Active"], rows[0]);
        Assert.Equal(expected, rows.Skip(1).Select(r => r[0]));
        Assert.True(expected.Length > 10 && expected.Length < snapshot.Users.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal("true", r[4]));
        var utilized = rows.Skip(1).Select(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(utilized.OrderDescending(), utilized);
    }

    [Fact]
    public async Task The_export_is_refused_to_anonymous_visitors()
    {
        using var response = await _factory.CreateBrowserLikeClient().GetAsync("/users/export.csv?over=1");

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/login", response.LocalTarget());
        }
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Adding_a_user_creates_it_upstream_and_audits_without_the_password()
    {
        const string password = "Unique-secret-77";
        var input = new NewUserInput { FirstName = "Ann", LastName = "Lee", Email = " ann.lee.new@example.com ", Password = password, AllottedComputers = 4 };

        var outcome = await InScopeAsync<AddUserOutcome, AddUserService>(s => s.AddAsync(input, Operator));

        Assert.Equal(AddUserResult.Added, outcome.Result);
        var created = Sandbox.FindUser("ann.lee.new@example.com");
        Assert.NotNull(created);
        Assert.Equal(4, created!.AllottedComputers);
        var row = Assert.Single(await AuditAsync(AuditActions.UserAdded));
        Assert.Equal(("op@portal.test", "203.0.113.7", "ann.lee.new@example.com", AuditOutcome.Success), (row.Actor, row.ClientAddress, row.Target, row.Outcome));
        Assert.DoesNotContain(password, $"{row.Actor}|{row.Target}|{row.Detail}");

        var again = await InScopeAsync<AddUserOutcome, AddUserService>(s => s.AddAsync(input, Operator));

        Assert.Equal((AddUserResult.Rejected, UpstreamProblem.Rejected), (again.Result, again.Problem));
        Assert.Equal(["EMAIL_EXISTS"], again.Descriptions);
        var rows = await AuditAsync(AuditActions.UserAdded);
        Assert.Equal((AuditOutcome.Failure, "EMAIL_EXISTS"), (rows[1].Outcome, rows[1].Detail));
        Assert.All(rows, r => Assert.DoesNotContain(password, r.Detail ?? ""));
    }

    [Fact]
    public async Task An_unanswered_add_is_reported_as_unknown_and_the_fresh_list_tells_the_truth()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<AddUserService>();
        await scope.ServiceProvider.GetRequiredService<ResellerUserCache>().GetAsync();
        // Drop: the connection is aborted after the request was sent.
        Sandbox.InjectFault(SandboxEndpoint.Add, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Drop });

        var outcome = await service.AddAsync(new NewUserInput { FirstName = "A", LastName = "B", Email = "dropped@example.com", Password = "Secret-pass9" }, Operator);

        Assert.Equal(AddUserResult.OutcomeUnknown, outcome.Result);
        Assert.Equal(Sandbox.FindUser("dropped@example.com") is not null, await service.ExistsInFreshListAsync("dropped@example.com"));
        Assert.Equal(AuditOutcome.Failure, Assert.Single(await AuditAsync(AuditActions.UserAdded)).Outcome);
    }

    [Fact]
    public async Task Signing_in_as_a_customer_returns_the_link_once_and_audits_who_whom_why_without_secrets()
    {
        var customer = Sandbox.Users()[0].Username;

        var outcome = await InScopeAsync<SignInAsOutcome, SignInAsService>(s =>
            s.SignInAsync(customer, SandboxControl.SeededUserPassword, "  Ticket 4711: printer  ", Operator));

        Assert.NotNull(outcome.Link);
        var row = Assert.Single(await AuditAsync(AuditActions.UserSignInAs));
        Assert.Equal(("op@portal.test", AuditActorKind.Staff, "203.0.113.7", customer, AuditOutcome.Success, "reason: Ticket 4711: printer"),
            (row.Actor, row.ActorKind, row.ClientAddress, row.Target, row.Outcome, row.Detail));
        var everything = $"{row.Actor}|{row.Target}|{row.Detail}|{row.ClientAddress}";
        Assert.DoesNotContain(SandboxControl.SeededUserPassword, everything);
        Assert.DoesNotContain(outcome.Link!.ToString(), everything);
        Assert.DoesNotContain(outcome.Link.AbsolutePath.Trim('/').Split('/')[^1], everything);
        Assert.True((DateTime.UtcNow - row.TimestampUtc).Duration() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Every_documented_sign_in_refusal_comes_back_as_its_description_and_is_audited()
    {
        var users = Sandbox.Users();
        var cancelled = users[1].Username;
        Sandbox.CancelAccount(cancelled);

        async Task<SignInAsOutcome> Try(string user, string password) =>
            await InScopeAsync<SignInAsOutcome, SignInAsService>(s => s.SignInAsync(user, password, "checking", Operator));

        Assert.Equal(["INVALID_CREDENTIALS"], (await Try(users[0].Username, "Wrong-pass1")).Descriptions);
        Assert.Equal(["USERNAME_DOES_NOT_EXIST"], (await Try("nobody-here@example.com", "Demo-pass1")).Descriptions);
        Assert.Equal(["CANCELLED_ACCOUNT"], (await Try(cancelled, SandboxControl.SeededUserPassword)).Descriptions);

        Sandbox.SetParentSuspended(true);
        Assert.Equal(["ACTION_PARENT_ACCOUNT_SUSPENDED"], (await Try(users[0].Username, SandboxControl.SeededUserPassword)).Descriptions);
        Sandbox.SetParentSuspended(false);

        Sandbox.BlockIp("127.0.0.1");
        Sandbox.BlockIp("::1");
        Assert.Equal(["IP_ADDRESS_BLOCKED"], (await Try(users[0].Username, SandboxControl.SeededUserPassword)).Descriptions);

        var rows = await AuditAsync(AuditActions.UserSignInAs);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(AuditOutcome.Failure, r.Outcome));
        Assert.All(rows, r => Assert.DoesNotContain("Wrong-pass1", r.Detail));
        Assert.All(rows, r => Assert.DoesNotContain(SandboxControl.SeededUserPassword, r.Detail));
        Assert.Equal("reason: checking; refused: INVALID_CREDENTIALS", rows[0].Detail);
        Assert.All(new[] { "INVALID_CREDENTIALS", "USERNAME_DOES_NOT_EXIST", "CANCELLED_ACCOUNT", "ACTION_PARENT_ACCOUNT_SUSPENDED", "IP_ADDRESS_BLOCKED" },
            d => Assert.DoesNotContain("{0}", SignInAsService.Explain(d)));
    }
}
