using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Features.Connection;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;
using RemotePc.Sandbox;

namespace Portal.Tests.Features.Users;

/// <summary>The shared list against the real client and the embedded sandbox. Each test has its own portal (faults are global).</summary>
public sealed class UserListCacheTests : IDisposable
{
    private readonly PortalFactory _factory = new PortalFactory().WithSetting("RemotePc:ListRetryBaseDelay", "00:00:00");

    public void Dispose() => _factory.Dispose();

    private SandboxControl Sandbox => _factory.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;

    private ResellerUserCache Cache => _factory.Services.GetRequiredService<ResellerUserCache>();

    /// <summary>The start-up refresh is over, so the counters only see what the test does.</summary>
    private async Task<UserListStatus> WarmAsync()
    {
        var status = await Cache.GetAsync();
        Assert.NotNull(status.Snapshot);
        Sandbox.ResetCounters();
        return status;
    }

    [Fact]
    public async Task Many_concurrent_refreshes_make_one_upstream_call_and_share_one_snapshot()
    {
        await WarmAsync();
        Sandbox.InjectFault(SandboxEndpoint.List, new FaultSpec { LatencyMs = 300 });

        var all = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => i % 2 == 0 ? Cache.RefreshAsync() : Cache.RefreshAsync())));

        Assert.Equal(1, Sandbox.ReceivedCount(SandboxEndpoint.List));
        Assert.Single(all.Select(s => s.Snapshot).Distinct());
        Assert.Equal(25, all[0].Snapshot!.Users.Count);
    }

    [Fact]
    public async Task Many_first_time_callers_of_a_cold_cache_make_one_upstream_call()
    {
        await WarmAsync();
        Sandbox.InjectFault(SandboxEndpoint.List, new FaultSpec { LatencyMs = 300 });
        // A cache that has never fetched, over the app's real client: every GetAsync must join the one fetch.
        var cold = new ResellerUserCache(_factory.Services, TimeProvider.System, _factory.Services.GetRequiredService<IHostApplicationLifetime>(), NullLogger<ResellerUserCache>.Instance);

        var all = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => i % 3 == 0 ? cold.RefreshAsync() : cold.GetAsync())));

        Assert.Equal(1, Sandbox.ReceivedCount(SandboxEndpoint.List));
        Assert.All(all, s => Assert.Same(all[0].Snapshot, s.Snapshot));
        // Once it has a list, GetAsync answers from memory.
        await cold.GetAsync();
        Assert.Equal(1, Sandbox.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task A_refresh_after_the_last_one_finished_fetches_again()
    {
        await WarmAsync();

        await Cache.RefreshAsync();
        await Cache.RefreshAsync();

        Assert.Equal(2, Sandbox.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task A_failing_upstream_keeps_the_last_good_list_and_says_it_is_failing()
    {
        var good = await WarmAsync();
        Sandbox.InjectFault(SandboxEndpoint.List, new FaultSpec { FailNextCount = 20, FailNextKind = FaultKind.ServerError });
        var changes = new List<UserListStatus>();
        Cache.Changed += changes.Add;

        var failed = await Cache.RefreshAsync();

        Assert.Same(good.Snapshot, failed.Snapshot);
        Assert.Equal(UpstreamProblem.UpstreamFailing, failed.Problem);
        Assert.NotNull(failed.LastFailureUtc);
        Assert.False(failed.Refreshing);
        Assert.Same(failed, Cache.Status);
        Assert.Equal([failed], changes);
        Assert.True(Sandbox.ReceivedCount(SandboxEndpoint.List) >= 2, "the list call is retried before giving up");

        Sandbox.ClearFaults();
        var recovered = await Cache.RefreshAsync();

        Assert.Equal(UpstreamProblem.None, recovered.Problem);
        Assert.NotSame(good.Snapshot, recovered.Snapshot);
        Cache.Changed -= changes.Add;
    }

    [Fact]
    public async Task A_rejected_key_keeps_the_list_and_says_the_key_was_rejected()
    {
        var good = await WarmAsync();
        Sandbox.SetApiKey("rotated-" + Guid.NewGuid().ToString("N"));

        var failed = await Cache.RefreshAsync();

        Assert.Equal(UpstreamProblem.KeyRejected, failed.Problem);
        Assert.Same(good.Snapshot, failed.Snapshot);
        Assert.Contains("Settings page", UpstreamProblems.Explain(failed.Problem));
    }

    [Fact]
    public async Task A_forbidden_answer_says_this_server_is_not_whitelisted()
    {
        var good = await WarmAsync();
        Sandbox.InjectFault(SandboxEndpoint.List, new FaultSpec { Always = FaultKind.Forbidden });

        var failed = await Cache.RefreshAsync();

        Assert.Equal(UpstreamProblem.NotWhitelisted, failed.Problem);
        Assert.Same(good.Snapshot, failed.Snapshot);
    }

    [Fact]
    public async Task A_user_added_upstream_appears_after_a_refresh()
    {
        await WarmAsync();
        Sandbox.SeedUsers(5);

        var status = await Cache.RefreshAsync();

        Assert.Equal(30, status.Snapshot!.Users.Count);
    }
}
