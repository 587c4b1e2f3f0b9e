namespace Portal.Hosting;

public static class HostLifetimeExtensions
{
    /// <summary>How long after the start background work that nobody is waiting for holds back (see <see cref="WhenSettledAsync"/>).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Completes once the portal is listening and its start-up work is done (the host reports itself started only then,
    /// Hosting/StartupWork.cs), so the database is migrated.
    /// </summary>
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
    }

    /// <summary>
    /// Completes <see cref="SettleTime"/> after the start, for work that can wait: the user list's scheduled refresh and the
    /// sweeps. Begun at the start, their first run (building the RemotePC client, compiling their queries) took a core
    /// from the first pages served on two cores (bench/Portal.Harness row 7). Real time, not the app's TimeProvider:
    /// a stopped test clock must not hold the first run back for ever.
    /// </summary>
    public static async Task WhenSettledAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        await Task.Delay(SettleTime, stoppingToken);
    }
}
