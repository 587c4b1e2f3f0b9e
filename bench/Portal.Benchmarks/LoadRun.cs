namespace Portal.Benchmarks;

/// <summary>
/// A bounded load run on loopback (checklist 27): the real portal on Kestrel with its embedded sandbox, N concurrent
/// clients for a fixed time against the integration API's user list, and /healthz as the baseline in the same run.
/// Prints requests per second, p50/p99 latency and errors, and the ratio to the baseline. Stops by itself.
/// Run: dotnet run -c Release --project bench/Portal.Benchmarks -- load [users] [clients] [seconds]
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = args.Length > 1 ? int.Parse(args[1]) : 20_000;
        var clients = args.Length > 2 ? int.Parse(args[2]) : 16;
        var seconds = args.Length > 3 ? int.Parse(args[3]) : 10;
        await using var portal = new LoadPortal(users);
        var (key, token) = await portal.CreateApiUserAsync();
        var auth = LoadClient.ApiCredential(key, token);

        Console.WriteLine($"Portal on {portal.BaseUrl} with {users:N0} sandbox users; {clients} clients, {seconds} s per target.");
        // Warm-up (JIT, the first list fetch and the per-snapshot sort orders) is not measured.
        await LoadClient.HammerAsync(portal.BaseUrl + "/api/reseller/users?sort=allotted&desc=1&size=50", auth, clients, TimeSpan.FromSeconds(2));
        await LoadClient.HammerAsync(portal.BaseUrl + "/api/reseller/users?q=example-1&active=active&page=3&size=50", auth, clients, TimeSpan.FromSeconds(2));
        var baseline = await LoadClient.HammerAsync(portal.BaseUrl + "/healthz", null, clients, TimeSpan.FromSeconds(seconds));
        var list = await LoadClient.HammerAsync(portal.BaseUrl + "/api/reseller/users?sort=allotted&desc=1&size=50", auth, clients, TimeSpan.FromSeconds(seconds));
        var search = await LoadClient.HammerAsync(portal.BaseUrl + "/api/reseller/users?q=example-1&active=active&page=3&size=50", auth, clients, TimeSpan.FromSeconds(seconds));

        Console.WriteLine();
        Console.WriteLine("| Target | req/s | p50 ms | p99 ms | errors | throughput vs baseline |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, r) in new[] { ("/healthz (baseline)", baseline), ("users page 1, sorted", list), ("users search, page 3", search) })
        {
            Console.WriteLine($"| {name} | {r.PerSecond:N0} | {r.P50:N1} | {r.P99:N1} | {r.Errors} | {r.PerSecond / baseline.PerSecond:P0} |");
        }
        return list.Errors + search.Errors + baseline.Errors == 0 ? 0 : 1;
    }
}
