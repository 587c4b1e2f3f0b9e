using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 8 row 5, throughput: the integration API's user list with the apikey/token check (A) against the same
/// endpoint with the check skipped (B, see <see cref="AnonymousBenchPolicyEvaluator"/>), interleaved in short legs
/// A B, B A, A B ... so drift on a shared machine hits both alike. Each round's ratio is A/B; the median is quoted.
/// Run: dotnet run -c Release --project bench/Portal.Benchmarks -- api-auth [users] [clients] [rounds] [seconds per leg] [--memory-db] [--db-timings]
/// The database is a WAL SQLite file in the temp directory, as the portal runs by default; <c>--memory-db</c> is the
/// shared-cache in-memory database of the first measurements, whose table locks make readers wait on writers.
/// <c>--db-timings</c> adds each leg's mean server-side µs per request: in the credential check (apikey lookup, token
/// hash, LastUsed touch) and in the rest of the request.
/// </summary>
internal static class ApiAuthThroughputRun
{
    private const string Path = "/api/reseller/users?sort=allotted&desc=1&size=50";

    public static async Task<int> RunAsync(string[] args)
    {
        var fileDb = !args.Contains("--memory-db");
        var dbTimings = args.Contains("--db-timings");
        args = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
        var users = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var leg = TimeSpan.FromSeconds(args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 2);
        await using var portal = new LoadPortal(users, fileDatabase: fileDb);
        var (key, token) = await portal.CreateApiUserAsync();
        var legs = new (string Name, Action<HttpRequestMessage> Decorate)[]
        {
            ("with credential check", LoadClient.ApiCredential(key, token)),
            ("without authentication", r => r.Headers.Add(AnonymousBenchPolicyEvaluator.Header, "1")),
        };
        Console.WriteLine($"Portal on {portal.BaseUrl} ({portal.DatabaseDescription}) with {users:N0} sandbox users; {clients} clients, {rounds} rounds of {leg.TotalSeconds:0.#} s legs.");
        // Warm-up (JIT and tiering, the first list fetch, the sort orders, connection and context pools, the GC's heap
        // count) is not measured. Two alternations of 1.5 s were too few: the throughput of the first three timed rounds
        // still climbed from about 1,200 to 4,000 requests/s, and the leg that runs first in a round lost the most.
        for (var i = 0; i < 6; i++)
        {
            foreach (var (_, decorate) in legs)
            {
                await LoadClient.HammerAsync(portal.BaseUrl + Path, decorate, clients, TimeSpan.FromSeconds(1.5));
            }
        }
        portal.Timings.TakeAndReset();

        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        var errors = 0;
        Console.WriteLine();
        Console.WriteLine("| Round | with check req/s | p50 ms | without auth req/s | p50 ms | ratio | CPU µs/req with | without | CPU ratio |" + (dbTimings ? " check µs | rest µs (with) | rest µs (without) |" : ""));
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|" + (dbTimings ? "---|---|---|" : ""));
        for (var round = 1; round <= rounds; round++)
        {
            var results = new LoadClient.Result[2];
            var timings = new (double CheckUs, double RestUs)[2];
            var cpuPerRequest = new double[2];
            foreach (var i in round % 2 == 1 ? new[] { 0, 1 } : [1, 0])
            {
                var cpuBefore = ProcessCpu();
                results[i] = await LoadClient.HammerAsync(portal.BaseUrl + Path, legs[i].Decorate, clients, leg);
                cpuPerRequest[i] = (ProcessCpu() - cpuBefore).TotalMicroseconds / (results[i].PerSecond * leg.TotalSeconds);
                timings[i] = portal.Timings.TakeAndReset();
            }
            errors += results[0].Errors + results[1].Errors;
            ratios.Add(results[0].PerSecond / results[1].PerSecond);
            cpuRatios.Add(cpuPerRequest[1] / cpuPerRequest[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {results[0].PerSecond:N0} | {results[0].P50:N2} | {results[1].PerSecond:N0} | {results[1].P50:N2} | {ratios[^1]:0.000} | {cpuPerRequest[0]:N0} | {cpuPerRequest[1]:N0} | {cpuRatios[^1]:0.000} |") +
                (dbTimings ? string.Create(CultureInfo.InvariantCulture, $" {timings[0].CheckUs:N0} | {timings[0].RestUs:N0} | {timings[1].RestUs:N0} |") : ""));
        }
        var median = ratios.Order().ElementAt(ratios.Count / 2);
        var cpuMedian = cpuRatios.Order().ElementAt(cpuRatios.Count / 2);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median throughput ratio (with check / without): {median:0.000} (rounds {ratios.Min():0.000}-{ratios.Max():0.000}; target >= 0.92: {(median >= 0.92 ? "met" : "missed")}); non-200 answers: {errors}"));
        // What the throughput ratio would be with the two cores to this process alone: the legs' process CPU per request
        // (server and load client), which another tenant's load on the machine hardly moves. Throughput is what the
        // target names; on a busy machine both legs wait for a core alike and their ratio drifts towards 1.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median CPU-per-request ratio (without / with): {cpuMedian:0.000} (rounds {cpuRatios.Min():0.000}-{cpuRatios.Max():0.000})"));
        return errors == 0 ? 0 : 1;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
