using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Settings;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using RemotePc.Sandbox;

namespace Portal.Tests.Hosting;

/// <summary>Issue 10: what one instance writes or issues, the other honours at once (two hosts, one database, one key ring).</summary>
public sealed class SeveralInstancesTests
{
    private static readonly AuditActor Admin = new(SecurityFactory.AdminEmail, AuditActorKind.Staff, "127.0.0.1");

    [Fact]
    public async Task A_secret_protected_by_one_instance_is_read_by_the_other_and_a_replaced_reseller_key_reaches_it()
    {
        using var two = new TwoInstances();
        var protectedByA = two.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ResellerKeyStore.Purpose).Protect("secret-from-a");
        Assert.Equal("secret-from-a", two.B.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ResellerKeyStore.Purpose).Unprotect(protectedByA));

        // B has read (and cached) the first key; an Admin on A replaces it; B must use the new one without a restart.
        // A's sandbox, once started, has stored its key for both (the first RemotePC call, or the settle, starts it).
        var sandboxKey = two.A.Sandbox.ApiKey;
        var storeB = two.B.Services.GetRequiredService<ResellerKeyStore>();
        var firstKey = await storeB.GetKeyAsync(CancellationToken.None);
        Assert.Equal(sandboxKey, firstKey);
        var newKey = $"replaced-key-{Guid.NewGuid():N}";
        two.A.Sandbox.SetApiKey(newKey);
        await using (var scope = two.A.Services.CreateAsyncScope())
        {
            var (stored, test) = await scope.ServiceProvider.GetRequiredService<ResellerKeyService>().SetKeyAsync(newKey, storeEvenIfTestFails: false, Admin);
            Assert.True(stored && test.Ok, test.Problem.ToString());
        }

        var seenByB = await TwoInstances.EventuallyAsync(() => storeB.GetKeyAsync(CancellationToken.None).AsTask(), key => key == newKey,
            ResellerKeyStore.RecheckAfter + TimeSpan.FromSeconds(5), "B picking up the key replaced on A");
        Assert.Equal(newKey, seenByB);

        // The key ring is what makes this work: an instance under another application name cannot read A's secret.
        var stranger = two.Host(new() { ["DataProtection:ApplicationName"] = "AnotherPortal" });
        Assert.ThrowsAny<CryptographicException>(() =>
            stranger.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ResellerKeyStore.Purpose).Unprotect(protectedByA));
    }

    [Fact]
    public async Task A_staff_sign_in_cookie_issued_by_one_instance_is_accepted_by_the_other()
    {
        using var two = new TwoInstances();
        var cookies = new CookieContainer();
        using var onA = TwoInstances.Browser(two.A, cookies);
        using (var signIn = await onA.PostFormAsync("/account/login", "login", LoginForm.Fields(SecurityFactory.AdminEmail, SecurityFactory.Password)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "portal.auth");

        using var onB = TwoInstances.Browser(two.B, cookies);
        using (var page = await onB.GetAsync("/audit"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // Control: the same cookie on an instance with its own key ring is not a sign-in (redirect to the login page).
        var stranger = two.Host(new() { ["DataProtection:ApplicationName"] = "AnotherPortal" });
        using var onStranger = TwoInstances.Browser(stranger, cookies);
        using var refused = await onStranger.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/login", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_user_created_through_one_instance_authenticates_on_the_other()
    {
        using var two = new TwoInstances();
        var admin = await two.A.CreateApiUserAsync(isAdmin: true, prefix: "two_admin");
        using var clientA = two.A.CreateClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { apikey_prefix = "two", ip = "127.0.0.1", endtime = "2099-01-01" }),
        };
        admin.ApplyAdmin(create);
        using var created = await clientA.SendAsync(create);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        var user = new ApiCredential(json.GetProperty("apikey").GetString()!, json.GetProperty("token").GetString()!);

        using var clientB = two.B.CreateClient();
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/reseller/users?size=5");
        user.ApplyIntegration(list);
        using var listed = await clientB.SendAsync(list);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.False(string.IsNullOrEmpty(await two.B.IssueSessionTokenAsync(user)));

        // Control: a wrong token for the same apikey is refused by B, so the 200 above is B checking, not B waving through.
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/reseller/users?size=5");
        (user with { Token = user.Token[..^1] + (user.Token[^1] == 'A' ? "B" : "A") }).ApplyIntegration(wrong);
        using var refused = await clientB.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_session_token_revoked_on_one_instance_is_refused_by_the_other_at_once()
    {
        using var two = new TwoInstances();
        var admin = await two.A.CreateApiUserAsync(isAdmin: true, prefix: "rev_admin");
        var user = await two.A.CreateApiUserAsync(isAdmin: false, prefix: "rev");
        var session = await two.A.IssueSessionTokenAsync(user);
        using var clientA = two.A.CreateClient();
        using var clientB = two.B.CreateClient();

        async Task<HttpStatusCode> ListOnBAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reseller/users?size=1");
            request.ApplyBearer(session);
            using var response = await clientB.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await ListOnBAsync());
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/users/{user.ApiKey}"))
        {
            admin.ApplyAdmin(delete);
            using var deleted = await clientA.SendAsync(delete);
            Assert.True(deleted.IsSuccessStatusCode, $"{(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        }
        // The very next request, no waiting: B keeps no copy of sessions or API users that could outlive the row.
        Assert.Equal(HttpStatusCode.Unauthorized, await ListOnBAsync());
    }

    [Fact]
    public async Task An_invitation_job_started_on_one_instance_is_sent_exactly_once_while_both_run()
    {
        using var two = new TwoInstances(new()
        {
            ["Portal:Invitations:BatchSize"] = "3",
            ["Portal:Invitations:PollInterval"] = "00:00:00.100",
            // Long enough that a busy machine cannot let a lease lapse mid-batch (production uses 30 s).
            ["Portal:Invitations:LeaseDuration"] = "00:00:10",
        });
        // Slow batches give the idle instance every chance to grab work it must not take.
        two.A.Sandbox.InjectFault(SandboxEndpoint.Invite, new FaultSpec { LatencyMs = 80 });
        two.B.Sandbox.InjectFault(SandboxEndpoint.Invite, new FaultSpec { LatencyMs = 80 });
        long beforeA = two.A.Sandbox.ReceivedCount(SandboxEndpoint.Invite), beforeB = two.B.Sandbox.ReceivedCount(SandboxEndpoint.Invite);
        var user = await two.A.CreateApiUserAsync(isAdmin: false, prefix: "inv");
        var emails = Enumerable.Range(1, 30).Select(i => $"two-{i}-{Guid.NewGuid():N}@invite-test.example").ToList();

        using var clientA = two.A.CreateClient();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/reseller/invitations")
        {
            Content = JsonContent.Create(new { invitations = emails.Select(e => new { email = e, computers = 1 }) }),
        };
        user.ApplyIntegration(start);
        using var started = await clientA.SendAsync(start);
        var startBody = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, startBody);
        var id = JsonDocument.Parse(startBody).RootElement.GetProperty("id").GetGuid();

        // Progress read through B: the job is one row both see.
        using var clientB = two.B.CreateClient();
        var job = await TwoInstances.EventuallyAsync(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/reseller/invitations/{id}");
            user.ApplyIntegration(get);
            using var response = await clientB.SendAsync(get);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }, j => j.GetProperty("status").GetString() == "Completed", TimeSpan.FromSeconds(60), "the job completing");

        Assert.Equal(30, job.GetProperty("invited").GetInt32());
        // Each instance has its own sandbox: an address sent by both would be pending in both.
        var pending = two.A.Sandbox.PendingInvitations().Concat(two.B.Sandbox.PendingInvitations())
            .GroupBy(p => p.Email.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(emails, e => Assert.Equal(1, pending.GetValueOrDefault(e.ToLowerInvariant())));
        var batches = two.A.Sandbox.ReceivedCount(SandboxEndpoint.Invite) - beforeA + two.B.Sandbox.ReceivedCount(SandboxEndpoint.Invite) - beforeB;
        Assert.Equal(10, batches);
    }

    [Fact]
    public async Task A_reseller_key_stored_by_one_instance_is_used_by_another_that_found_none_moments_before()
    {
        // A fresh install: the first instance's embedded sandbox stores its key a moment after the start. An instance that
        // looked before must not go on without a key until its next recheck.
        using var two = new TwoInstances(new() { ["RemotePc:Mode"] = "Live", ["RemotePc:BaseUrl"] = "http://127.0.0.1:9/" });
        var storeB = two.B.Services.GetRequiredService<ResellerKeyStore>();
        Assert.Null(await storeB.GetKeyAsync(CancellationToken.None));

        await using (var scope = two.A.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResellerKeyService>().StoreTrustedAsync("key-stored-on-a", "test");
        }

        Assert.Equal("key-stored-on-a", await storeB.GetKeyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_user_added_through_one_instance_appears_in_another_instances_list_long_before_its_scheduled_refresh()
    {
        var quickLook = new Dictionary<string, string?>
        {
            ["Portal:UserList:RefreshInterval"] = "1.00:00:00",
            ["Portal:UserList:ChangeCheckInterval"] = "00:00:00.200",
        };
        using var two = new TwoInstances(quickLook);
        // Production instances share one upstream; here a third instance talks to A's embedded sandbox as if it were RemotePC.
        var upstream = two.A.Services.GetRequiredService<EmbeddedSandbox>().Host.ApiBaseAddress.ToString();
        var other = two.Host(new(quickLook) { ["RemotePc:Mode"] = "Live", ["RemotePc:BaseUrl"] = upstream });
        var otherCache = other.Services.GetRequiredService<ResellerUserCache>();
        var before = await otherCache.GetAsync();
        Assert.NotNull(before.Snapshot);

        var user = await two.A.CreateApiUserAsync(isAdmin: false, prefix: "adder");
        var email = $"added-{Guid.NewGuid():N}@customer.example";
        using var clientA = two.A.CreateClient();
        using var add = new HttpRequestMessage(HttpMethod.Post, "/api/reseller/users")
        {
            Content = JsonContent.Create(new { firstName = "Multi", lastName = "Instance", email, password = "Instance-Pass-42", allottedComputers = 1, sendEmailToUser = false }),
        };
        user.ApplyIntegration(add);
        using var added = await clientA.SendAsync(add);
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());

        var seen = await TwoInstances.EventuallyAsync(() => Task.FromResult(otherCache.Status), s => s.Snapshot?.Contains(email) == true,
            TimeSpan.FromSeconds(10), "the other instance listing the added user");
        Assert.True(seen.Snapshot!.FetchedUtc > before.Snapshot.FetchedUtc);
    }

    [Fact]
    public async Task Setup_closes_on_every_instance_once_the_first_Admin_exists_on_one()
    {
        using var database = TestDatabase.Shared("setup");
        using var a = PortalFactory.Create(bootstrapAdmin: false, database: database);
        using var b = PortalFactory.Create(bootstrapAdmin: false, database: database);
        using var browserOnB = b.CreateBrowserLikeClient();
        using (var open = await browserOnB.GetAsync("/"))
        {
            Assert.Equal("/setup", open.Headers.Location?.OriginalString);
        }

        await a.CreateStaffAsync("Admin");

        using (var home = await browserOnB.GetAsync("/"))
        {
            Assert.DoesNotContain("/setup", home.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
        using var setup = await browserOnB.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, setup.StatusCode);
    }
}
