using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Connection;
using Portal.Features.Users;
using Portal.Tests.Features.ApiUsers;
using RemotePc.Sandbox;
using RemotePc.Sandbox.Faults;

namespace Portal.Tests.Hosting;

/// <summary>The portal's stop does not wait on RemotePC.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(20);

    // Found in clean-clone CI runs as a sweep test's host that never stopped: the embedded sandbox stopped under a user-list
    // refresh, whose retry then waited on the test's clock, which nobody moved; disposing the RemotePC client's resilience
    // pipeline waits for its calls in flight, timing its own limit on that same clock. Here the retry is made to wait.
    [Fact]
    public async Task The_portal_stops_while_a_user_list_refresh_waits_to_retry()
    {
        var factory = new ApiUsersFactory();
        Task? stop = null;
        try
        {
            _ = factory.Server;
            var sandbox = factory.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;
            sandbox.InjectFault(SandboxEndpoint.List, new FaultSpec { Always = FaultKind.ServerError });
            sandbox.ResetCounters();
            var refresh = factory.Services.GetRequiredService<ResellerUserCache>().RefreshAsync();

            await TwoInstances.EventuallyAsync(() => Task.FromResult(sandbox.ReceivedCount(SandboxEndpoint.List)), calls => calls > 0,
                TimeSpan.FromSeconds(10), "The refresh's first user/list call");
            Assert.Equal(1, sandbox.ReceivedCount(SandboxEndpoint.List));
            // The first attempt was refused; the retry waits on a clock that does not move.
            await Task.Delay(200);
            Assert.False(refresh.IsCompleted);

            stop = Task.Run(factory.Dispose);
            Assert.True(await Task.WhenAny(stop, Task.Delay(StopDeadline)) == stop,
                $"The host did not stop within {StopDeadline.TotalSeconds:0} s. Its last log lines:{Environment.NewLine}{string.Join(Environment.NewLine, factory.Log.TakeLast(30))}");
            await stop;

            // The refresh ended with the stop, keeping the list it had, and no failure is recorded for it.
            var status = await refresh.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.False(status.Refreshing);
            Assert.Equal(UpstreamProblem.None, status.Problem);
        }
        finally
        {
            // A stop that hung is left to itself: a second one would hang as well.
            if (stop is null)
            {
                factory.Dispose();
            }
        }
    }
}
