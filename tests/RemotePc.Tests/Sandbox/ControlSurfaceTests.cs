using System.Net.Http.Json;
using System.Text.Json;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

public sealed class ControlSurfaceTests : IAsyncLifetime
{
    private SandboxTestHost _sandbox = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxTestHost.StartAsync();
        _control = new HttpClient { BaseAddress = new Uri(_sandbox.Host.BaseAddress, "_sandbox/") };
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Invitation_can_be_listed_and_accepted_over_http()
    {
        using (await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"http@example.com","allotedComputers":2}]""")) { }

        var pending = await _control.GetFromJsonAsync<JsonElement>("invitations");
        using var accepted = await _control.PostAsJsonAsync("invitations/accept", new { email = "http@example.com" });
        using var again = await _control.PostAsJsonAsync("invitations/accept", new { email = "http@example.com" });

        Assert.Equal("http@example.com", pending[0].GetProperty("email").GetString());
        Assert.Equal(200, (int)accepted.StatusCode);
        var user = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, user.GetProperty("allottedComputers").GetInt32());
        Assert.Equal(404, (int)again.StatusCode);
    }

    [Fact]
    public async Task Users_key_account_and_ips_over_http()
    {
        await _sandbox.AddUserAsync("ctl@example.com");

        using (var r = await _control.PostAsJsonAsync("users/utilization", new { email = "ctl@example.com", utilized = 4, allotted = 3 })) { Assert.Equal(200, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("users/active", new { email = "ctl@example.com", active = false })) { Assert.Equal(200, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("users/cancel", new { email = "nobody@example.com" })) { Assert.Equal(404, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("account/suspended", new { suspended = true })) { Assert.Equal(200, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("ips/block", new { ip = "::ffff:10.0.0.1" })) { Assert.Equal(200, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("ips/block", new { ip = "nope" })) { Assert.Equal(400, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("account/key", new { apiKey = "via-http" })) { Assert.Equal(204, (int)r.StatusCode); }

        var user = _sandbox.Control.FindUser("ctl@example.com")!;
        Assert.Equal((4, 3, false), (user.UtilizedComputers, user.AllottedComputers, user.IsActive));
        Assert.True(_sandbox.Control.IsParentSuspended);
        Assert.Equal(["10.0.0.1"], _sandbox.Control.BlockedIps());
        Assert.Equal("via-http", _sandbox.Control.ApiKey);
        var fetched = await _control.GetFromJsonAsync<JsonElement>("users/CTL@example.com");
        Assert.Equal("ctl@example.com", fetched.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Faults_and_stats_over_http()
    {
        using (var r = await _control.PostAsJsonAsync("faults", new { endpoint = "list", failNextCount = 1, failNextKind = "serverError" }))
        {
            Assert.Equal(200, (int)r.StatusCode);
        }

        using (var r = await _control.PostAsJsonAsync("faults", new { endpoint = "bogus" })) { Assert.Equal(400, (int)r.StatusCode); }
        using (var r = await _control.PostAsJsonAsync("faults", new { endpoint = "*", serverErrorRate = 2 })) { Assert.Equal(400, (int)r.StatusCode); }

        using var failed = await _sandbox.ListAsync();
        using var ok = await _sandbox.ListAsync();
        var stats = await _control.GetFromJsonAsync<JsonElement>("stats");
        using var cleared = await _control.DeleteAsync("faults");

        Assert.Equal((500, 200), ((int)failed.StatusCode, (int)ok.StatusCode));
        Assert.Equal(2, stats.GetProperty("list").GetInt64());
        Assert.Equal(2, stats.GetProperty("total").GetInt64());
        Assert.Equal("{}", await cleared.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Seed_over_http()
    {
        using var response = await _control.PostAsJsonAsync("seed", new { count = 25 });
        using var tooMany = await _control.PostAsJsonAsync("seed", new { count = 200_001 });

        Assert.Equal(25, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users").GetInt32());
        Assert.Equal(400, (int)tooMany.StatusCode);
    }

    [Fact]
    public async Task Control_surface_can_be_disabled()
    {
        await using var locked = await SandboxTestHost.StartAsync(o => o.EnableControl = false);
        using var client = new HttpClient { BaseAddress = locked.Host.BaseAddress };

        using var response = await client.GetAsync("_sandbox/stats");

        Assert.Equal(404, (int)response.StatusCode);
    }
}
