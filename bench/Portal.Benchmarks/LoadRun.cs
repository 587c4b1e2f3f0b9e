using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;

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
        var auth = (Convert.ToBase64String(Encoding.UTF8.GetBytes(key)), Convert.ToBase64String(Encoding.UTF8.GetBytes(token)));

        Console.WriteLine($"Portal on {portal.BaseUrl} with {users:N0} sandbox users; {clients} clients, {seconds} s per target.");
        // Warm-up (JIT, the first list fetch and the per-snapshot sort orders) is not measured.
        await HammerAsync(portal.BaseUrl + "/api/reseller/users?sort=allotted&desc=1&size=50", auth, clients, 2);
        await HammerAsync(portal.BaseUrl + "/api/reseller/users?q=example-1&active=active&page=3&size=50", auth, clients, 2);
        var baseline = await HammerAsync(portal.BaseUrl + "/healthz", null, clients, seconds);
        var list = await HammerAsync(portal.BaseUrl + "/api/reseller/users?sort=allotted&desc=1&size=50", auth, clients, seconds);
        var search = await HammerAsync(portal.BaseUrl + "/api/reseller/users?q=example-1&active=active&page=3&size=50", auth, clients, seconds);

        Console.WriteLine();
        Console.WriteLine("| Target | req/s | p50 ms | p99 ms | errors | throughput vs baseline |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, r) in new[] { ("/healthz (baseline)", baseline), ("users page 1, sorted", list), ("users search, page 3", search) })
        {
            Console.WriteLine($"| {name} | {r.PerSecond:N0} | {r.P50:N1} | {r.P99:N1} | {r.Errors} | {r.PerSecond / baseline.PerSecond:P0} |");
        }
        return list.Errors + search.Errors + baseline.Errors == 0 ? 0 : 1;
    }

    private sealed record Result(double PerSecond, double P50, double P99, int Errors);

    private static async Task<Result> HammerAsync(string url, (string Key, string Token)? auth, int clients, int seconds)
    {
        // The integration API's rate limit is per apikey; the load run raises it rather than measuring 429s.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(30) };
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[clients];
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            while (stop.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (auth is { } a)
                {
                    request.Headers.Add("Apikey", a.Key);
                    request.Headers.Add("Token", a.Token);
                }
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / stop.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], errors);
    }

    private sealed class LoadPortal : WebApplicationFactory<Program>
    {
        private readonly SqliteConnection _keepAlive;
        private readonly int _users;

        public LoadPortal(int users)
        {
            _users = users;
            var connection = $"Data Source=portal-load-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
            _keepAlive = new SqliteConnection(connection);
            _keepAlive.Open();
            ConnectionString = connection;
            UseKestrel(0);
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }

        private string ConnectionString { get; }

        public string BaseUrl { get; }

        public async Task<(string Key, string Token)> CreateApiUserAsync()
        {
            var (user, token) = await Services.GetRequiredService<ApiUserService>()
                .CreateAsync("load", IPAddress.Loopback, DateTime.UtcNow.AddDays(1), false, AuditActor.System);
            return (user.ApiKey, token);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(RepositoryRoot());
            builder.UseSetting("Database:ConnectionString", ConnectionString);
            builder.UseSetting("Sandbox:DatabasePath", "");
            builder.UseSetting("Sandbox:SeedUsers", _users.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Portal:Bootstrap:AdminEmail", "load@portal.test");
            builder.UseSetting("Portal:Bootstrap:AdminPassword", "load-password-1");
            builder.UseSetting("Portal:Api:IntegrationPermitLimit", "100000");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
            builder.ConfigureTestServices(s => s.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()));
        }

        private static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("Run the load run from inside the repository.");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await _keepAlive.DisposeAsync();
        }
    }
}
