using System.Diagnostics;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

public sealed class FaultInjectionTests : IAsyncLifetime
{
    private const string ServerError = """{"status":"INTERNAL_SERVER_ERROR","code":500,"errorsCount":1,"errors":[{"description":"INTERNAL_SERVER_ERROR"}]}""";

    private SandboxTestHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxTestHost.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Share_of_one_fails_every_call_and_clearing_restores()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.List, new FaultSpec { ServerErrorRate = 1 });

        using (var failed = await _sandbox.ListAsync())
        {
            await Json.AssertAsync(failed, 500, ServerError);
        }

        _sandbox.Control.ClearFaults();
        using var ok = await _sandbox.ListAsync();
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Fact]
    public async Task Next_n_calls_fail_then_the_call_goes_through()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.Add, new FaultSpec { FailNextCount = 2 });

        using var first = await _sandbox.PostAsync("user/add", Json.Add("retry@example.com"));
        using var second = await _sandbox.PostAsync("user/add", Json.Add("retry@example.com"));
        using var third = await _sandbox.PostAsync("user/add", Json.Add("retry@example.com"));

        Assert.Equal([500, 500, 200], [(int)first.StatusCode, (int)second.StatusCode, (int)third.StatusCode]);
        Assert.Equal(3, _sandbox.Control.ReceivedCount(SandboxEndpoint.Add));
        Assert.NotNull(_sandbox.Control.FindUser("retry@example.com"));
    }

    [Fact]
    public async Task Faults_apply_only_to_their_endpoint_and_the_wildcard_to_all()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.Invite, new FaultSpec { Always = FaultKind.ServerError });

        using (var list = await _sandbox.ListAsync())
        {
            Assert.Equal(200, (int)list.StatusCode);
        }

        _sandbox.Control.InjectFault(SandboxEndpoint.All, new FaultSpec { Always = FaultKind.Forbidden });
        using var listAgain = await _sandbox.ListAsync();
        using var invite = await _sandbox.PostAsync("user/invite", "[]");

        Assert.Equal(403, (int)listAgain.StatusCode);
        Assert.Equal(500, (int)invite.StatusCode); // the endpoint's own spec wins over the wildcard
    }

    [Fact]
    public async Task Forced_401_uses_the_endpoint_spelling()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.All, new FaultSpec { Always = FaultKind.Unauthorized });

        using var list = await _sandbox.ListAsync();
        using var signin = await _sandbox.PostAsync("user/signin", "{}");

        await Json.AssertAsync(list, 401, Json.Error(401, "UNAUTHORIZED", "UNAUTHORIZED_ACCESS"));
        await Json.AssertAsync(signin, 401, Json.Error(401, "UNAUTHORIZED", "NOT_AUTHORIZED"));
    }

    [Fact]
    public async Task Drop_aborts_the_connection()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.Add, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Drop });

        await Assert.ThrowsAsync<HttpRequestException>(() => _sandbox.PostAsync("user/add", Json.Add("dropped@example.com")));

        Assert.Null(_sandbox.Control.FindUser("dropped@example.com"));
        Assert.Equal(1, _sandbox.Control.ReceivedCount(SandboxEndpoint.Add));
    }

    [Fact]
    public async Task Hang_holds_the_call_until_the_client_gives_up()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.Signin, new FaultSpec { Always = FaultKind.Hang });
        using var impatient = _sandbox.CreateClient(timeout: TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TaskCanceledException>(() => _sandbox.PostAsync("user/signin", "{}", impatient));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(450));
        Assert.Equal(1, _sandbox.Control.ReceivedCount(SandboxEndpoint.Signin));
    }

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        _sandbox.Control.InjectFault(SandboxEndpoint.List, new FaultSpec { LatencyMs = 300 });
        var stopwatch = Stopwatch.StartNew();

        using var response = await _sandbox.ListAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(280), $"Took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task Counters_count_every_received_call_per_endpoint()
    {
        using (await _sandbox.ListAsync()) { }
        using (await _sandbox.ListAsync()) { }
        using (await _sandbox.PostAsync("user/invite", "[]")) { }
        using (await _sandbox.Http.GetAsync("user/signin")) { }

        Assert.Equal(2, _sandbox.Control.ReceivedCount(SandboxEndpoint.List));
        Assert.Equal(1, _sandbox.Control.ReceivedCount(SandboxEndpoint.Invite));
        Assert.Equal(1, _sandbox.Control.ReceivedCount(SandboxEndpoint.Signin));
        Assert.Equal(0, _sandbox.Control.ReceivedCount(SandboxEndpoint.Add));
        Assert.Equal(4, _sandbox.Control.ReceivedCount(SandboxEndpoint.All));

        _sandbox.Control.ResetCounters();
        Assert.Equal(0, _sandbox.Control.ReceivedCount(SandboxEndpoint.All));
    }

    [Fact]
    public void Invalid_specs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _sandbox.Control.InjectFault(SandboxEndpoint.All, new FaultSpec { ServerErrorRate = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sandbox.Control.InjectFault(SandboxEndpoint.All, new FaultSpec { LatencyMs = -1 }));
    }
}

public sealed class HangShutdownTests
{
    [Fact]
    public async Task Disposing_the_host_ends_a_hanging_call_promptly()
    {
        var sandbox = await SandboxTestHost.StartAsync();
        sandbox.Control.InjectFault(SandboxEndpoint.List, new FaultSpec { Always = FaultKind.Hang });
        var call = sandbox.ListAsync();
        while (sandbox.Control.ReceivedCount(SandboxEndpoint.List) == 0)
        {
            await Task.Delay(20);
        }

        var stopwatch = Stopwatch.StartNew();
        await sandbox.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Dispose took {stopwatch.Elapsed}.");
        try
        {
            using var response = await call;
            Assert.Equal(500, (int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // Also acceptable: the connection was closed during shutdown.
        }
        catch (TaskCanceledException)
        {
            // Also acceptable: disposing the client cancelled it.
        }
    }
}
