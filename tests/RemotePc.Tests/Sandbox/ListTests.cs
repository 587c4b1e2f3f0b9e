using System.Diagnostics;
using System.Text.Json;

namespace RemotePc.Tests.Sandbox;

public sealed class ListTests : IAsyncLifetime
{
    private SandboxTestHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxTestHost.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Matches_the_spec_example_byte_for_byte()
    {
        await _sandbox.AddUserAsync("first@example.com", allotted: 1);
        _sandbox.Time.Advance(TimeSpan.FromDays(12));
        await _sandbox.AddUserAsync("second@example.com", allotted: 425);

        using var response = await _sandbox.ListAsync();

        await Json.AssertAsync(response, 200, """{"status":"OK","code":200,"message":{"resellerUsersList":[{"alloted_computers":1,"created_date":"01-13-2023","isActive":true,"utilized_computers":0,"username":"first@example.com"},{"alloted_computers":425,"created_date":"01-25-2023","isActive":true,"utilized_computers":0,"username":"second@example.com"}]}}""");
    }

    [Fact]
    public async Task Empty_account_lists_an_empty_array()
    {
        using var response = await _sandbox.ListAsync();

        await Json.AssertAsync(response, 200, """{"status":"OK","code":200,"message":{"resellerUsersList":[]}}""");
    }

    [Fact]
    public async Task Control_changes_show_in_the_list()
    {
        await _sandbox.AddUserAsync("busy@example.com", allotted: 2);
        Assert.True(_sandbox.Control.SetUtilization("busy@example.com", 5, 3));
        Assert.True(_sandbox.Control.SetActive("busy@example.com", false));
        Assert.False(_sandbox.Control.SetActive("ghost@example.com", false));

        using var response = await _sandbox.ListAsync();

        Assert.Contains("""{"alloted_computers":3,"created_date":"01-13-2023","isActive":false,"utilized_computers":5,"username":"busy@example.com"}""", await Json.BodyAsync(response));
    }

    [Fact]
    public async Task Body_and_content_type_are_optional()
    {
        using var withBody = await _sandbox.PostAsync("user/list", "{}");
        using var withoutBody = await _sandbox.ListAsync();

        Assert.Equal(200, (int)withBody.StatusCode);
        Assert.Equal(200, (int)withoutBody.StatusCode);
    }

    [Fact]
    public async Task Seeded_data_is_realistic_and_deterministic()
    {
        await using var a = await SandboxTestHost.StartAsync(o => (o.SeedUsers, o.SeedPendingInvitations) = (500, 15));
        await using var b = await SandboxTestHost.StartAsync(o => (o.SeedUsers, o.SeedPendingInvitations) = (500, 15));

        var users = a.Control.Users();
        Assert.Equal(500, users.Count);
        Assert.Equal(15, a.Control.PendingInvitations().Count);
        Assert.Equal(users.Select(u => u.Username), b.Control.Users().Select(u => u.Username));
        Assert.Equal(500, users.Select(u => u.Username).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(users, u => Assert.InRange(u.AllottedComputers, 0, 500));
        Assert.Contains(users, u => u.UtilizedComputers > u.AllottedComputers);
        Assert.InRange(users.Count(u => !u.IsActive), 20, 90);
        Assert.InRange(users.Min(u => u.CreatedDate), new DateOnly(2020, 1, 13), new DateOnly(2020, 12, 31));
        Assert.True(users.Select(u => u.Username.Split('@')[1]).Distinct().Count() > 5);
        Assert.DoesNotContain(a.Control.PendingInvitations(), i => a.Control.FindUser(i.Email) is not null);
    }

    [Fact]
    public async Task Streams_200000_users()
    {
        var stopwatch = Stopwatch.StartNew();
        await using var big = await SandboxTestHost.StartAsync(o => o.SeedUsers = 200_000);
        var seeding = stopwatch.Elapsed;

        using var request = new HttpRequestMessage(HttpMethod.Post, "user/list");
        using var response = await big.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked); // written as it goes, not buffered first
        Assert.Equal(200_000, document.RootElement.GetProperty("message").GetProperty("resellerUsersList").GetArrayLength());
        Assert.True(seeding < TimeSpan.FromSeconds(30), $"Seeding took {seeding}.");
    }
}
