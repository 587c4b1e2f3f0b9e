using BenchmarkDotNet.Attributes;
using Portal.Features.Users;
using RemotePc;

namespace Portal.Benchmarks;

/// <summary>
/// One page of the users grid over 200,000 users: the engine (sort orders computed once per snapshot) against the
/// obvious LINQ (filter, sort, skip, take on every request), in the same run.
/// </summary>
[MemoryDiagnoser]
public class UserQueryBenchmarks
{
    private UserListSnapshot _snapshot = default!;
    private IReadOnlyList<ResellerUser> _users = default!;

    [Params(200_000)]
    public int Users { get; set; }

    [Params("page1-by-created", "search-deep-page")]
    public string Scenario { get; set; } = "";

    private UserQuery Query => Scenario == "page1-by-created"
        ? new UserQuery { Sort = UserSortColumn.Created, Descending = true, PageSize = 50 }
        : new UserQuery { Search = "example-1", Active = ActiveFilter.Active, Page = 40, PageSize = 50, Sort = UserSortColumn.Allotted };

    [GlobalSetup]
    public void Setup()
    {
        _users = DemoUsers.Create(Users);
        _snapshot = new UserListSnapshot(_users, DateTimeOffset.UtcNow, 0);
        UserQueryEngine.Run(_snapshot, Query); // the per-snapshot sort happens once, on the first request
    }

    [Benchmark(Baseline = true)]
    public int NaiveLinq()
    {
        var q = Query;
        IEnumerable<ResellerUser> rows = _users.Where(u =>
            (q.Search is null || u.Username.Contains(q.Search, StringComparison.OrdinalIgnoreCase))
            && (q.Active != ActiveFilter.Active || u.IsActive));
        rows = q.Sort switch
        {
            UserSortColumn.Created => q.Descending ? rows.OrderByDescending(u => u.Created) : rows.OrderBy(u => u.Created),
            _ => q.Descending ? rows.OrderByDescending(u => u.AllottedComputers) : rows.OrderBy(u => u.AllottedComputers),
        };
        var list = rows.ToList();
        return list.Skip(q.Page * q.PageSize).Take(q.PageSize).Count() + list.Count;
    }

    [Benchmark]
    public int Engine()
    {
        var page = UserQueryEngine.Run(_snapshot, Query);
        return page.Items.Count + page.TotalCount;
    }
}
