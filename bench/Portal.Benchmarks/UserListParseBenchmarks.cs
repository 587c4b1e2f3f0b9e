using BenchmarkDotNet.Attributes;
using RemotePc.Wire;

namespace Portal.Benchmarks;

/// <summary>
/// Reading a 200,000-user list (about 25 MB of JSON): the client's streaming reader against reading the body into one
/// string first. The allocated-bytes ratio is the point: the string alone is ~50 MB of UTF-16.
/// </summary>
[MemoryDiagnoser]
public class UserListParseBenchmarks
{
    private byte[] _body = [];

    [Params(200_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup() => _body = DemoUsers.WireJson(Users);

    [Benchmark(Baseline = true)]
    public async Task<int> StringFirst()
    {
        using var reader = new StreamReader(new MemoryStream(_body, writable: false));
        var text = await reader.ReadToEndAsync();
        using var again = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text), writable: false);
        return (await UserListReader.ReadAsync(again, CancellationToken.None)).Users.Count;
    }

    [Benchmark]
    public async Task<int> Streaming()
    {
        using var stream = new MemoryStream(_body, writable: false);
        return (await UserListReader.ReadAsync(stream, CancellationToken.None)).Users.Count;
    }
}
