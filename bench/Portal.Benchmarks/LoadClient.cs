using System.Diagnostics;
using System.Net;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>N concurrent HTTP clients against one URL for a fixed time: requests per second, p50/p99 and non-200 answers.</summary>
internal static class LoadClient
{
    public sealed record Result(double PerSecond, double P50, double P99, int Errors);

    /// <summary>The integration API's headers: apikey and token, each BASE64.</summary>
    public static Action<HttpRequestMessage> ApiCredential(string key, string token) => request =>
    {
        request.Headers.Add("Apikey", Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));
        request.Headers.Add("Token", Convert.ToBase64String(Encoding.UTF8.GetBytes(token)));
    };

    public static async Task<Result> HammerAsync(string url, Action<HttpRequestMessage>? decorate, int clients, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(30) };
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[clients];
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            while (stop.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                decorate?.Invoke(request);
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
}
