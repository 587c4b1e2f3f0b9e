using System.Collections.Frozen;
using RemotePc;

namespace Portal.Features.Users;

public enum UserSortColumn
{
    Username,
    Allotted,
    Utilized,
    Created,
    Active,
}

/// <summary>
/// One immutable copy of the reseller's user list, shared by every circuit. Sort orders are computed once per column
/// on first use, so paging through 200,000 users is a scan, not a sort per request.
/// </summary>
public sealed class UserListSnapshot
{
    private readonly Lazy<int[]>[] _orders;
    private readonly Lazy<int[]>[] _ranks;
    private readonly Lazy<FrozenSet<string>> _usernames;
    private readonly RecentViews _views = new();

    public UserListSnapshot(IReadOnlyList<ResellerUser> users, DateTimeOffset fetchedUtc, int malformedRows)
    {
        Users = users;
        Rows = users as ResellerUser[] ?? [.. users];
        FetchedUtc = fetchedUtc;
        MalformedRows = malformedRows;
        _orders = Enum.GetValues<UserSortColumn>().Select(c => new Lazy<int[]>(() => Order(c))).ToArray();
        _ranks = Enum.GetValues<UserSortColumn>().Select(c => new Lazy<int[]>(() => Rank(OrderBy(c)))).ToArray();
        _usernames = new(() => users.Select(u => u.Username).ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    public IReadOnlyList<ResellerUser> Users { get; }

    /// <summary><see cref="Users"/> as an array: the filters index it 200,000 times per query.</summary>
    internal ResellerUser[] Rows { get; }

    public DateTimeOffset FetchedUtc { get; }

    public int MalformedRows { get; }

    public bool Contains(string username) => _usernames.Value.Contains(username);

    /// <summary>Indexes into <see cref="Users"/> in ascending order of <paramref name="column"/> (ties by username).</summary>
    public int[] OrderBy(UserSortColumn column) => _orders[(int)column].Value;

    /// <summary>For each index into <see cref="Users"/>, its position in <see cref="OrderBy"/>: sorts a filtered subset without comparing users.</summary>
    public int[] RankBy(UserSortColumn column) => _ranks[(int)column].Value;

    /// <summary>
    /// Indexes into <see cref="Users"/> of the users a filtered view shows, in its order; remembered for the last few views
    /// so turning a page re-slices instead of filtering 200,000 users again. The snapshot never changes, so neither do they.
    /// </summary>
    internal int[] Filtered(UserQuery query, Func<UserListSnapshot, UserQuery, int[]> compute) =>
        _views.GetOrAdd(query with { Page = 0, PageSize = 0 }, key => compute(this, key));

    private static int[] Rank(int[] order)
    {
        var rank = new int[order.Length];
        for (var position = 0; position < order.Length; position++)
        {
            rank[order[position]] = position;
        }
        return rank;
    }

    private int[] Order(UserSortColumn column)
    {
        var indexes = Enumerable.Range(0, Users.Count).ToArray();
        Comparison<int> byName = (a, b) => StringComparer.OrdinalIgnoreCase.Compare(Users[a].Username, Users[b].Username);
        Comparison<int> comparison = column switch
        {
            UserSortColumn.Allotted => (a, b) => Users[a].AllottedComputers.CompareTo(Users[b].AllottedComputers),
            UserSortColumn.Utilized => (a, b) => Users[a].UtilizedComputers.CompareTo(Users[b].UtilizedComputers),
            UserSortColumn.Created => (a, b) => Nullable.Compare(Users[a].Created, Users[b].Created),
            UserSortColumn.Active => (a, b) => Users[a].IsActive.CompareTo(Users[b].IsActive),
            _ => byName,
        };
        Array.Sort(indexes, (a, b) => comparison(a, b) is var c && c != 0 ? c : byName(a, b));
        return indexes;
    }
}
