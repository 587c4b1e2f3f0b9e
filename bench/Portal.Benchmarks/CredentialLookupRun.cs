using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.ApiUsers;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 8 row 5, the check with its database read: ApiUserService.CheckEncodedAsync (apikey row lookup on the portal's
/// WAL SQLite file, token hash, LastUsed touch at most once a minute) called back to back on one thread, without HTTP.
/// The api-auth run's "check µs" under load is this plus waiting for a CPU.
/// Run: dotnet run -c Release --project bench/Portal.Benchmarks -- api-check [calls] [--memory-db]
/// </summary>
internal static class CredentialLookupRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var fileDb = !args.Contains("--memory-db");
        args = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        await using var portal = new LoadPortal(10, fileDatabase: fileDb);
        var (key, token) = await portal.CreateApiUserAsync();
        var users = portal.Services.GetRequiredService<ApiUserService>();
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
        var checks = await TimeAsync(calls, async () =>
        {
            var check = await users.CheckEncodedAsync(key, encoded, IPAddress.Loopback);
            if (check.Status != CredentialStatus.Valid)
            {
                throw new InvalidOperationException($"The check said {check.Status}.");
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{portal.DatabaseDescription}: {calls:N0} checks, {checks}"));
        var lookup = portal.Services.GetRequiredService<ApiUserLookup>();
        var lookups = await TimeAsync(calls, () => lookup.FindAsync(key, default));
        Console.WriteLine($"ApiUserLookup.FindAsync alone: {lookups}");
        return 0;
    }

    /// <summary>Median, mean and p99 of <paramref name="calls"/> back-to-back calls, after as many unreported ones (JIT, tiering, pools).</summary>
    private static async Task<string> TimeAsync(int calls, Func<Task> call)
    {
        var times = new double[calls];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < calls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture,
            $"median {times[calls / 2]:N1} µs, mean {times.Average():N1} µs, p99 {times[(int)(calls * 0.99)]:N1} µs");
    }
}
