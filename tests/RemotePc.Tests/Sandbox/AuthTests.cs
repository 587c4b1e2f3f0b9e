using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

public sealed class AuthTests : IAsyncLifetime
{
    private SandboxTestHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxTestHost.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Theory]
    [InlineData("user/add")]
    [InlineData("user/invite")]
    [InlineData("user/signin")]
    public async Task Wrong_key_is_NOT_AUTHORIZED(string path)
    {
        using var client = _sandbox.CreateClient("wrong-key");

        using var response = await _sandbox.PostAsync(path, "{}", client);

        await Json.AssertAsync(response, 401, """{"status":"UNAUTHORIZED","code":401,"errorsCount":1,"errors":[{"description":"NOT_AUTHORIZED"}]}""");
    }

    [Fact]
    public async Task List_says_UNAUTHORIZED_ACCESS()
    {
        using var client = _sandbox.CreateClient("wrong-key");

        using var response = await _sandbox.ListAsync(client);

        await Json.AssertAsync(response, 401, """{"status":"UNAUTHORIZED","code":401,"errorsCount":1,"errors":[{"description":"UNAUTHORIZED_ACCESS"}]}""");
    }

    [Fact]
    public async Task Missing_header_is_401()
    {
        using var client = _sandbox.CreateClient(key: null);

        using var response = await _sandbox.PostAsync("user/add", Json.Add("a@example.com"), client);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Auth_comes_before_validation()
    {
        using var client = _sandbox.CreateClient("wrong-key");

        using var response = await _sandbox.PostAsync("user/add", "{not json", client);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Changed_key_replaces_the_old_one_at_once()
    {
        _sandbox.Control.SetApiKey("rotated");

        using var old = await _sandbox.ListAsync();
        using var client = _sandbox.CreateClient("rotated");
        using var rotated = await _sandbox.ListAsync(client);

        Assert.Equal(401, (int)old.StatusCode);
        Assert.Equal(200, (int)rotated.StatusCode);
    }

    [Fact]
    public async Task Source_ip_outside_the_whitelist_is_403_before_the_key_is_checked()
    {
        await using var guarded = await SandboxTestHost.StartAsync(o => o.AllowedIps = ["10.20.30.40"]);
        using var wrongKey = guarded.CreateClient("wrong-key");

        using var response = await guarded.PostAsync("user/add", Json.Add("a@example.com"), wrongKey);
        using var list = await guarded.ListAsync();

        await Json.AssertAsync(response, 403, """{"status":"Forbidden","code":403,"errorsCount":1,"errors":[{"description":"Forbidden"}]}""");
        Assert.Equal(403, (int)list.StatusCode);
    }

    [Fact]
    public async Task Empty_whitelist_allows_everyone()
    {
        await using var open = await SandboxTestHost.StartAsync(o => o.AllowedIps = []);

        using var response = await open.ListAsync();

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task IPv4_mapped_IPv6_entry_equals_the_IPv4_caller()
    {
        await using var mapped = await SandboxTestHost.StartAsync(o => o.AllowedIps = ["::ffff:127.0.0.1"]);

        using var response = await mapped.ListAsync();

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Invalid_whitelist_entry_fails_at_start()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SandboxHost.StartAsync(new SandboxOptions { AllowedIps = ["not-an-ip"] }));
    }
}
