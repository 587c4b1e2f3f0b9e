using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;

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

        // What the api-auth run's baseline skips: the policy's authentication as the authorization middleware calls it
        // (scheme handler made and initialised, the check, claims, the merged principal), on a request without HTTP.
        var policy = (await portal.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(ApiPolicies.ApiUser))!;
        var evaluator = ActivatorUtilities.CreateInstance<PolicyEvaluator>(portal.Services);
        var scopes = portal.Services.GetRequiredService<IServiceScopeFactory>();
        var apikeyHeader = Convert.ToBase64String(Encoding.UTF8.GetBytes(key));
        var policyChecks = await TimeAsync(calls, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            context.Request.Headers["Apikey"] = apikeyHeader;
            context.Request.Headers["Token"] = encoded;
            var result = await evaluator.AuthenticateAsync(policy, context);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The policy's authentication failed.");
            }
        });
        Console.WriteLine($"The policy's authentication (PolicyEvaluator.AuthenticateAsync): {policyChecks}");

        // Under load every request's audit row is committed to the same file. In WAL mode a reader whose transaction
        // starts after another connection's commit drops its whole page cache, so the lookup reads its pages again.
        // Here one writer commits audit rows back to back beside the lookups, as the API's requests do.
        var audit = portal.Services.GetRequiredService<AuditWriter>();
        using var stopWriting = new CancellationTokenSource();
        var commits = 0;
        var writer = Task.Run(async () =>
        {
            while (!stopWriting.IsCancellationRequested)
            {
                await audit.WriteAsync(AuditActor.System, "bench.write", null, AuditOutcome.Success);
                commits++;
            }
        });
        var writeClock = Stopwatch.StartNew();
        var lookupsBesideWrites = await TimeAsync(calls, () => lookup.FindAsync(key, default));
        var perSecond = commits / writeClock.Elapsed.TotalSeconds;
        await stopWriting.CancelAsync();
        await writer;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ApiUserLookup.FindAsync beside audit commits ({perSecond:N0} a second): {lookupsBesideWrites}"));
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
