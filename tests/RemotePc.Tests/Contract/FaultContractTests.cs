using System.Diagnostics;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

/// <summary>
/// Injected faults over real HTTP: add, invite and sign-in have effects and must reach the sandbox exactly once
/// whatever happens; only the list is retried.
/// </summary>
public sealed class FaultContractTests(ContractFixture fixture) : ContractTests(fixture)
{
    [Fact]
    public async Task Add_that_hangs_is_sent_once_and_times_out_with_an_unknown_outcome()
    {
        Control.InjectFault(SandboxEndpoint.Add, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Hang });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RemotePcTransportException>(() => Client.AddUserAsync(NewUser("hang" + Domain)));

        clock.Stop();
        Assert.Equal(TransportFailureKind.Timeout, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.InRange(clock.Elapsed, ContractEnvironment.AttemptTimeout * 0.9, ContractEnvironment.AttemptTimeout * 3);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.Add));
        Assert.Null(Control.FindUser("hang" + Domain));

        // The abandoned attempt leaves nothing behind: the next add on the same client goes through.
        await Client.AddUserAsync(NewUser("hang" + Domain));
        Assert.NotNull(Control.FindUser("hang" + Domain));
        Assert.Equal(2, Control.ReceivedCount(SandboxEndpoint.Add));
    }

    [Fact]
    public async Task The_caller_cancelling_a_hanging_add_stays_a_cancellation_and_it_was_sent_once()
    {
        Control.InjectFault(SandboxEndpoint.Add, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Hang });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.AddUserAsync(NewUser("cancelled" + Domain), cancel.Token));

        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.Add));
    }

    [Theory]
    [InlineData(SandboxEndpoint.Add)]
    [InlineData(SandboxEndpoint.Invite)]
    [InlineData(SandboxEndpoint.Signin)]
    public async Task A_dropped_connection_is_sent_once_and_its_outcome_is_unknown(SandboxEndpoint endpoint)
    {
        // Warm the pool first: a request on a reused connection is the one an HTTP stack might silently replay.
        await Client.ListUsersAsync();
        Control.ResetCounters();
        Control.InjectFault(endpoint, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Drop });

        var error = await Assert.ThrowsAsync<RemotePcTransportException>(() => Call(endpoint, "dropped" + Domain));

        Assert.Equal(TransportFailureKind.ConnectionDropped, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, Control.ReceivedCount(endpoint));
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.All));
        Assert.Null(Control.FindUser("dropped" + Domain));
        Assert.DoesNotContain(Control.PendingInvitations(), i => i.Email == "dropped" + Domain);
    }

    [Theory]
    [InlineData(SandboxEndpoint.Add)]
    [InlineData(SandboxEndpoint.Invite)]
    [InlineData(SandboxEndpoint.Signin)]
    public async Task A_500_is_sent_once_and_reported_as_an_upstream_failure(SandboxEndpoint endpoint)
    {
        Control.InjectFault(endpoint, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.ServerError });

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Call(endpoint, "failed" + Domain));

        Assert.True(error.IsUpstreamFailure);
        AssertApiError(error, 500, "INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR");
        Assert.Equal(1, Control.ReceivedCount(endpoint));
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.All));
        Assert.Null(Control.FindUser("failed" + Domain));
    }

    [Fact]
    public async Task List_succeeds_through_a_burst_of_500s()
    {
        Control.InjectFault(SandboxEndpoint.List, new FaultSpec { FailNextCount = 2, FailNextKind = FaultKind.ServerError });

        var list = await Client.ListUsersAsync();

        Assert.Equal(Control.UserCount, list.Users.Count);
        Assert.Equal(3, Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task List_fails_after_one_attempt_plus_the_configured_retries()
    {
        Control.InjectFault(SandboxEndpoint.List, new FaultSpec { Always = FaultKind.ServerError });

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.ListUsersAsync());

        Assert.True(error.IsUpstreamFailure);
        AssertApiError(error, 500, "INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR");
        Assert.Equal(1 + ContractEnvironment.ListRetries, Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task List_survives_a_dropped_connection()
    {
        await Client.ListUsersAsync();
        Control.ResetCounters();
        Control.InjectFault(SandboxEndpoint.List, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Drop });

        var list = await Client.ListUsersAsync();

        Assert.Equal(Control.UserCount, list.Users.Count);
        Assert.Equal(2, Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task List_survives_one_hanging_attempt()
    {
        Control.InjectFault(SandboxEndpoint.List, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Hang });

        var list = await Client.ListUsersAsync();

        Assert.Equal(Control.UserCount, list.Users.Count);
        Assert.Equal(2, Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task An_add_after_a_fault_is_cleared_goes_through()
    {
        Control.InjectFault(SandboxEndpoint.Add, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.ServerError });
        await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(NewUser("after-fault" + Domain)));

        await Client.AddUserAsync(NewUser("after-fault" + Domain));

        Assert.NotNull(Control.FindUser("after-fault" + Domain));
        Assert.Equal(2, Control.ReceivedCount(SandboxEndpoint.Add));
    }

    [Fact]
    public async Task Latency_within_the_attempt_timeout_is_not_a_failure_and_nothing_is_repeated()
    {
        Control.InjectFault(SandboxEndpoint.All, new FaultSpec { LatencyMs = 300 });

        await Client.AddUserAsync(NewUser("slow" + Domain));
        var list = await Client.ListUsersAsync();

        Assert.Contains(list.Users, u => u.Username == "slow" + Domain);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.Add));
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.List));
    }

    private Task Call(SandboxEndpoint endpoint, string email) => endpoint switch
    {
        SandboxEndpoint.Add => Client.AddUserAsync(NewUser(email)),
        SandboxEndpoint.Invite => Client.InviteAsync([new InvitationRequest(email)]),
        SandboxEndpoint.Signin => Client.SignInAsync(SeededUser(0), SandboxControl.SeededUserPassword),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };
}
