using BenchmarkDotNet.Attributes;
using Portal.Features.Users;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 8 row 2, per view: filter + sort + one page of 50 over 200,000 users, the engine against Array.Sort on
/// precomputed keys in the same run. The engine runs uncached (a first request for the view); the per-snapshot sort
/// orders are built in setup, as they are once per list refresh in the portal.
/// </summary>
[Config(typeof(PerfConfig))]
[GcServer(true)]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
[RatioTarget("2", nameof(Engine), nameof(ArraySort), 2)]
public class UserQueryBenchmarks
{
    private UserListSnapshot _snapshot = default!;
    private ArraySortBaseline _baseline = default!;

    [Params(200_000)]
    public int Users { get; set; }

    [ParamsSource(nameof(Views))]
    public string View { get; set; } = "";

    public static IEnumerable<string> Views => QuerySet.Names;

    private UserQuery Query => QuerySet.Queries[View];

    [GlobalSetup]
    public void Setup()
    {
        var users = DemoUsers.Create(Users);
        _snapshot = new UserListSnapshot(users, DateTimeOffset.UtcNow, 0);
        foreach (var column in Enum.GetValues<UserSortColumn>())
        {
            _snapshot.RankBy(column);
        }
        _baseline = new ArraySortBaseline(users);
    }

    [Benchmark(Baseline = true)]
    public int ArraySort() => _baseline.Run(Query) is var page ? page.Items.Count + page.TotalCount : 0;

    [Benchmark]
    public int Engine() => UserQueryEngine.RunUncached(_snapshot, Query) is var page ? page.Items.Count + page.TotalCount : 0;
}
