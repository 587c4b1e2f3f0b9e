using Portal.Features.Connection;
using RemotePc;

namespace Portal.Features.Users;

/// <summary>What the shared list looks like right now: the last good snapshot, and why the last refresh failed, if it did.</summary>
public sealed record UserListStatus(UserListSnapshot? Snapshot, UpstreamProblem Problem, DateTimeOffset? LastFailureUtc, bool Refreshing)
{
    public static readonly UserListStatus Empty = new(null, UpstreamProblem.None, null, false);
}

/// <summary>
/// The reseller's user list, held once for the whole server. Refreshes are single-flight: a hundred circuits asking at
/// once cause one upstream call. A failed refresh keeps the last good list and records why.
/// A singleton holder rather than HybridCache: HybridCache hands out a deserialized copy per caller unless the type is
/// immutable-marked, and it has no "keep the stale value and tell me the error" mode, which the users page needs.
/// </summary>
public sealed class ResellerUserCache(
    IServiceProvider services, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ResellerUserCache> logger)
{
    private readonly Lock _gate = new();
    private Task<UserListStatus>? _inFlight;
    private UserListStatus _status = UserListStatus.Empty;

    /// <summary>Raised after every refresh, successful or not. Handlers must marshal to their own context.</summary>
    public event Action<UserListStatus>? Changed;

    public UserListStatus Status => _status;

    /// <summary>The current status; fetches the list first if none has been fetched yet.</summary>
    public Task<UserListStatus> GetAsync() => _status.Snapshot is null ? RefreshAsync() : Task.FromResult(_status);

    public Task<UserListStatus> RefreshAsync()
    {
        lock (_gate)
        {
            if (_inFlight is { IsCompleted: false })
            {
                return _inFlight;
            }
            _status = _status with { Refreshing = true };
            _inFlight = FetchAsync();
            return _inFlight;
        }
    }

    private async Task<UserListStatus> FetchAsync()
    {
        UserListStatus next;
        try
        {
            var client = services.GetRequiredService<IRemotePcClient>();
            // The refresh is shared: one circuit closing must not cancel it for the others; the portal stopping does.
            // Otherwise a call or its retry delay outlives the stop, and disposing the client's resilience pipeline,
            // which waits for the calls it has in flight, holds the shutdown (for ever where the clock is a test's).
            var result = await client.ListUsersAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
            next = new UserListStatus(new UserListSnapshot(result.Users, time.GetUtcNow(), result.MalformedRows), UpstreamProblem.None, null, false);
            if (result.MalformedRows > 0)
            {
                logger.LogWarning("The user list had {MalformedRows} rows that could not be read", result.MalformedRows);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogDebug("Refreshing the user list was cancelled: the portal is stopping");
            next = _status with { Refreshing = false };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything that prevents a fresh list (typed upstream errors, or a host still starting) keeps the last good one.
            var problem = UpstreamProblems.Classify(ex);
            logger.LogWarning("Refreshing the user list failed: {Problem}", problem);
            next = _status with { Problem = problem, LastFailureUtc = time.GetUtcNow(), Refreshing = false };
        }
        _status = next;
        Changed?.Invoke(next);
        return next;
    }
}
