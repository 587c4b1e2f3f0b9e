using Portal.Features.Users;
using RemotePc;

namespace Portal.Benchmarks;

/// <summary>
/// Views staff open on a 200,000-user list: plain sorts by every column both ways, narrow and broad searches, each
/// state filter and a combination, on first and deep pages. "example" matches every user: the worst case for a search.
/// </summary>
internal static class QuerySet
{
    public static readonly IReadOnlyDictionary<string, UserQuery> Queries = new Dictionary<string, UserQuery>
    {
        ["name-asc"] = new() { PageSize = 50 },
        ["created-desc"] = new() { Sort = UserSortColumn.Created, Descending = true, PageSize = 50 },
        ["allotted-desc-p40"] = new() { Sort = UserSortColumn.Allotted, Descending = true, Page = 40, PageSize = 50 },
        ["utilized-asc"] = new() { Sort = UserSortColumn.Utilized, PageSize = 50 },
        ["state-sort-desc"] = new() { Sort = UserSortColumn.Active, Descending = true, PageSize = 50 },
        ["search-narrow"] = new() { Search = "user0123", PageSize = 50 },
        ["search-domain-p3"] = new() { Search = "example-1", Sort = UserSortColumn.Allotted, Page = 3, PageSize = 50 },
        ["search-all-name-desc"] = new() { Search = "example", Descending = true, PageSize = 50 },
        ["active-utilized-desc"] = new() { Active = ActiveFilter.Active, Sort = UserSortColumn.Utilized, Descending = true, PageSize = 50 },
        ["inactive-created"] = new() { Active = ActiveFilter.Inactive, Sort = UserSortColumn.Created, PageSize = 50 },
        ["over-allocated"] = new() { OverAllocated = true, Sort = UserSortColumn.Allotted, Descending = true, PageSize = 50 },
        ["active-search-p10"] = new() { Active = ActiveFilter.Active, Search = ".5", Sort = UserSortColumn.Created, Descending = true, Page = 10, PageSize = 50 },
    };

    public static IEnumerable<string> Names => Queries.Keys;
}

/// <summary>
/// The baseline: one precomputed 64-bit key per user and column (the column's value, then the name's rank, so
/// ties break like the engine's), then per request filter, <see cref="Array.Sort{TKey,TValue}(TKey[],TValue[])"/> the
/// matches' keys and take the page.
/// </summary>
internal sealed class ArraySortBaseline
{
    private readonly ResellerUser[] _users;
    private readonly long[][] _keys;

    public ArraySortBaseline(IReadOnlyList<ResellerUser> users)
    {
        _users = [.. users];
        var byName = Enumerable.Range(0, _users.Length).ToArray();
        Array.Sort(byName, (a, b) => StringComparer.OrdinalIgnoreCase.Compare(_users[a].Username, _users[b].Username));
        var nameRank = new long[_users.Length];
        for (var r = 0; r < byName.Length; r++)
        {
            nameRank[byName[r]] = r;
        }
        _keys = Enum.GetValues<UserSortColumn>().Select(c => _users.Select((u, i) => (Value(u, c) << 32) | nameRank[i]).ToArray()).ToArray();
    }

    public UserPage Run(UserQuery q)
    {
        var search = q.Search?.Trim();
        var columnKeys = _keys[(int)q.Sort];
        var indexes = new List<int>(q.HasFilters ? 1024 : _users.Length);
        for (var i = 0; i < _users.Length; i++)
        {
            if (Matches(_users[i], q, search))
            {
                indexes.Add(i);
            }
        }
        var items = indexes.ToArray();
        var keys = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = columnKeys[items[i]];
        }
        Array.Sort(keys, items);
        var start = q.Page * q.PageSize;
        var count = Math.Clamp(items.Length - start, 0, q.PageSize);
        var page = new ResellerUser[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = _users[items[q.Descending ? items.Length - 1 - start - i : start + i]];
        }
        return new UserPage(page, items.Length);
    }

    private static long Value(ResellerUser u, UserSortColumn column) => column switch
    {
        UserSortColumn.Allotted => u.AllottedComputers,
        UserSortColumn.Utilized => u.UtilizedComputers,
        UserSortColumn.Created => u.Created?.DayNumber + 1 ?? 0,
        UserSortColumn.Active => u.IsActive ? 1 : 0,
        _ => 0,
    };

    private static bool Matches(ResellerUser u, UserQuery q, string? search) =>
        (string.IsNullOrEmpty(search) || u.Username.Contains(search, StringComparison.OrdinalIgnoreCase))
        && (q.Active == ActiveFilter.All || u.IsActive == (q.Active == ActiveFilter.Active))
        && (!q.Unused || u.UtilizedComputers == 0)
        && (!q.OverAllocated || u.UtilizedComputers > u.AllottedComputers);
}
