using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Portal.Features.ApiUsers;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 8 row 5, "the check alone": what the ApiCredential scheme does in memory once the apikey's row is read —
/// decode the BASE64 Token header, SHA-256 it, compare in fixed time, deleted/expired/bound address. Target: under
/// 1 µs and 0 B. The three floors show what bounds it: SHA-256 of the 75-byte token, one-shot (SHA256.HashData) and
/// with a reused context (what the check does), and decoding the BASE64 header.
/// </summary>
[Config(typeof(PerfConfig))]
[GcServer(true)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[AbsoluteTarget("5", nameof(CheckValid), "Median", 0.001, MaxAllocatedBytes = 0)]
[AbsoluteTarget("5", nameof(CheckWrongToken), "Median", 0.001, MaxAllocatedBytes = 0)]
[AbsoluteTarget("5", nameof(CheckUnknownKey), "Median", 0.001, MaxAllocatedBytes = 0)]
public class CredentialCheckBenchmarks
{
    private readonly DateTime _now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly IPAddress _client = IPAddress.Parse("203.0.113.7");
    private string _header = "";
    private string _wrongHeader = "";
    private byte[] _tokenBytes = [];
    private ApiUser _user = default!;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    [GlobalSetup]
    public void Setup()
    {
        var token = ApiInput.RandomPart(ApiInput.TokenLength);
        _tokenBytes = Encoding.UTF8.GetBytes(token);
        _header = Convert.ToBase64String(_tokenBytes);
        _wrongHeader = Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiInput.RandomPart(ApiInput.TokenLength)));
        _user = new ApiUser
        {
            ApiKey = ApiInput.NewApiKey("bench"),
            TokenHash = ApiInput.Hash(token),
            IPv4 = _client.ToString(),
            EndTimeUtc = _now.AddDays(30),
        };
        if (ApiCredentialVerifier.VerifyEncoded(_header, _user, _client, _now) != CredentialStatus.Valid)
        {
            throw new InvalidOperationException("The benchmark's credential does not verify.");
        }
    }

    [Benchmark(Baseline = true)]
    public byte Sha256OneShot()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_tokenBytes, hash);
        return hash[0];
    }

    [Benchmark]
    public byte Sha256ReusedContext()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        _sha256.AppendData(_tokenBytes);
        _sha256.GetHashAndReset(hash);
        return hash[0];
    }

    [Benchmark]
    public int HeaderDecodeOnly()
    {
        Span<byte> token = stackalloc byte[ApiInput.MaxEncodedHeaderLength];
        return ApiInput.TryDecodeBase64(_header, token, out var bytes, out _) ? bytes : 0;
    }

    [Benchmark]
    public CredentialStatus CheckValid() => ApiCredentialVerifier.VerifyEncoded(_header, _user, _client, _now);

    [Benchmark]
    public CredentialStatus CheckWrongToken() => ApiCredentialVerifier.VerifyEncoded(_wrongHeader, _user, _client, _now);

    [Benchmark]
    public CredentialStatus CheckUnknownKey() => ApiCredentialVerifier.VerifyEncoded(_header, null, _client, _now);
}
