using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Users;
using RemotePc;
using RemotePc.Wire;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 8 row 1: fetch and parse a 200,000-user list (about 25 MB, the sandbox's envelope) from Kestrel on loopback.
/// Baselines in the same run: a bare Utf8JsonReader scan of the same bytes in memory (the floor for reading the JSON at
/// all) and a raw HttpClient POST streamed into the same wire DTOs (the floor for the HTTP part). The client is the
/// project's own: AddRemotePcClient with its Refit interface, bearer handler, logger and resilience pipeline.
/// </summary>
[Config(typeof(PerfConfig))]
[GcServer(true)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[RatioTarget("1", nameof(RefitClient), nameof(Utf8JsonReaderScan), 4)]
[RatioTarget("1", nameof(PortalSnapshot), nameof(Utf8JsonReaderScan), 4)]
[RatioTarget("1", nameof(RefitClient), nameof(RawHttpClient), 1.05)]
public class UserListFetchBenchmarks
{
    private byte[] _body = [];
    private UserListServer _server = default!;
    private HttpClient _raw = default!;
    private ServiceProvider _services = default!;
    private IRemotePcClient _client = default!;

    [Params(200_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = DemoUsers.WireJson(Users);
        _server = UserListServer.StartAsync(_body).GetAwaiter().GetResult();
        _raw = new HttpClient(new SocketsHttpHandler()) { BaseAddress = _server.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IRemotePcKeyStore>(new FixedKeyStore());
        services.AddRemotePcClient(o => o.BaseUrl = _server.BaseUrl);
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<IRemotePcClient>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int Utf8JsonReaderScan()
    {
        var reader = new Utf8JsonReader(_body);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }
        return tokens;
    }

    /// <summary>Not a target: the same reader over the bytes in memory, so Raw minus this is what the HTTP part costs.</summary>
    [Benchmark]
    public async Task<int> ParseFromMemory()
    {
        using var stream = new MemoryStream(_body, writable: false);
        return (await UserListReader.ReadAsync(stream, CancellationToken.None)).Users.Count;
    }

    [Benchmark]
    public async Task<int> RawHttpClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, IRemotePcApi.ListPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FixedKeyStore.Key);
        using var response = await _raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        return (await UserListReader.ReadAsync(stream, CancellationToken.None)).Users.Count;
    }

    [Benchmark]
    public async Task<int> RefitClient() => (await _client.ListUsersAsync()).Users.Count;

    /// <summary>What ResellerUserCache does with a fetched list: the snapshot (its sort orders are built lazily, on first use).</summary>
    [Benchmark]
    public async Task<int> PortalSnapshot()
    {
        var result = await _client.ListUsersAsync();
        return new UserListSnapshot(result.Users, DateTimeOffset.UtcNow, result.MalformedRows).Users.Count;
    }

    private sealed class FixedKeyStore : IRemotePcKeyStore
    {
        public const string Key = "bench-reseller-key";

        public ValueTask<string?> GetKeyAsync(CancellationToken ct) => ValueTask.FromResult<string?>(Key);
    }
}
