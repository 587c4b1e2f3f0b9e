using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Portal.Benchmarks;

/// <summary>
/// The api-auth run's <c>--db-timings</c>: server-side time per request, and within it the credential check (the
/// ApiCredential scheme: apikey row lookup, token hash, LastUsed touch), summed over one leg and then reset.
/// </summary>
internal sealed class ServerTimings
{
    private long _requests;
    private long _requestTicks;
    private long _checkTicks;

    public void AddRequest(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _requestTicks, elapsed.Ticks);
    }

    public void AddCheck(TimeSpan elapsed)
    {
        Interlocked.Add(ref _checkTicks, elapsed.Ticks);
    }

    /// <summary>Mean µs per request: in the credential check, and in the rest of the request on the server.</summary>
    public (double CheckUs, double RestUs) TakeAndReset()
    {
        var requests = Interlocked.Exchange(ref _requests, 0);
        var requestTicks = Interlocked.Exchange(ref _requestTicks, 0);
        var checkTicks = Interlocked.Exchange(ref _checkTicks, 0);
        if (requests == 0)
        {
            return (0, 0);
        }
        var check = TimeSpan.FromTicks(checkTicks / requests).TotalMicroseconds;
        return (check, TimeSpan.FromTicks(requestTicks / requests).TotalMicroseconds - check);
    }

    /// <summary>Times each request from the first middleware on.</summary>
    public sealed class StartupFilter(ServerTimings timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var started = Stopwatch.GetTimestamp();
                await nextMiddleware(context);
                timings.AddRequest(Stopwatch.GetElapsedTime(started));
            });
            next(app);
        };
    }
}
