using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;
using Portal.Features.Users;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 8 row 2, across the view set: every iteration is ONE request (the next view of <see cref="QuerySet"/>, in turn),
/// so BenchmarkDotNet's P95 column is the 95th percentile of single requests, outliers kept (GC pauses are real).
/// PageChange is the same search turned page after page: the snapshot's recent views answer it without re-filtering.
/// </summary>
[Config(typeof(Config))]
[GcServer(true)]
[RatioTarget("2", nameof(EngineQuerySet), nameof(ArraySortQuerySet), 2)]
[AbsoluteTarget("2", nameof(EngineQuerySet), "P95", 30)]
[AbsoluteTarget("2", nameof(PageChange), "P95", 1)]
public class UserQuerySetBenchmarks
{
    private UserQuery[] _views = [];
    private UserListSnapshot _snapshot = default!;
    private ArraySortBaseline _baseline = default!;
    private int _next;

    [Params(200_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var users = DemoUsers.Create(Users);
        _views = [.. QuerySet.Queries.Values];
        _snapshot = new UserListSnapshot(users, DateTimeOffset.UtcNow, 0);
        foreach (var column in Enum.GetValues<UserSortColumn>())
        {
            _snapshot.RankBy(column);
        }
        _baseline = new ArraySortBaseline(users);
        UserQueryEngine.Run(_snapshot, PagedSearch(0));
    }

    [Benchmark(Baseline = true)]
    public int ArraySortQuerySet() => _baseline.Run(_views[_next++ % _views.Length]).TotalCount;

    [Benchmark]
    public int EngineQuerySet() => UserQueryEngine.RunUncached(_snapshot, _views[_next++ % _views.Length]).TotalCount;

    [Benchmark]
    public int PageChange() => UserQueryEngine.Run(_snapshot, PagedSearch(1 + _next++ % 20)).Items.Count;

    private static UserQuery PagedSearch(int page) =>
        new() { Search = "example-1", Sort = UserSortColumn.Created, Descending = true, Page = page, PageSize = 50 };

    private sealed class Config : PerfConfig
    {
        public Config() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(12).WithIterationCount(96)
            .WithInvocationCount(1).WithUnrollFactor(1).WithOutlierMode(OutlierMode.DontRemove));
    }
}
