using RemotePc;

namespace Portal.Features.Users;

public sealed record UserPage(IReadOnlyList<ResellerUser> Items, int TotalCount);

/// <summary>Filters, sorts and pages the shared snapshot on the server; the browser only ever receives one page.</summary>
public static class UserQueryEngine
{
    public static UserPage Run(UserListSnapshot snapshot, UserQuery query) =>
        Page(snapshot, query, query.HasFilters ? snapshot.Filtered(query, FilterInOrder) : null);

    /// <summary>The page a first request for this view costs: neither reads nor fills the snapshot's recent views.</summary>
    internal static UserPage RunUncached(UserListSnapshot snapshot, UserQuery query) =>
        Page(snapshot, query, query.HasFilters ? FilterInOrder(snapshot, query) : null);

    /// <summary>Every matching user in the query's order (for the CSV export of the whole view).</summary>
    public static IEnumerable<ResellerUser> Matching(UserListSnapshot snapshot, UserQuery query)
    {
        var filtered = query.HasFilters ? snapshot.Filtered(query, FilterInOrder) : null;
        var order = filtered ?? snapshot.OrderBy(query.Sort);
        var reverse = filtered is null && query.Descending;
        for (var i = 0; i < order.Length; i++)
        {
            yield return snapshot.Users[order[reverse ? order.Length - 1 - i : i]];
        }
    }

    // Unfiltered, the page is a slice of the precomputed order (read backwards for descending); filtered, of the view.
    private static UserPage Page(UserListSnapshot snapshot, UserQuery query, int[]? filtered)
    {
        var order = filtered ?? snapshot.OrderBy(query.Sort);
        var reverse = filtered is null && query.Descending;
        var start = (long)query.Page * query.PageSize;
        var count = (int)Math.Clamp(order.Length - start, 0, query.PageSize);
        var items = new ResellerUser[count];
        for (var i = 0; i < count; i++)
        {
            var position = (int)start + i;
            items[i] = snapshot.Users[order[reverse ? order.Length - 1 - position : position]];
        }
        return new UserPage(items, order.Length);
    }

    // No sort per request: test every user in list order (sequential memory, the fast way through 200,000 objects) into a
    // bitmap, then walk the column's precomputed order and keep the marked ones, which come out sorted. The bitmap is
    // 25 KB and stays in cache; visiting the users themselves in sort order would miss the cache on nearly every one.
    private static int[] FilterInOrder(UserListSnapshot snapshot, UserQuery query)
    {
        var search = query.Search?.Trim();
        var users = snapshot.Rows;
        var marked = new ulong[(users.Length + 63) >> 6];
        var count = 0;
        for (var i = 0; i < users.Length; i++)
        {
            if (Matches(users[i], query, search))
            {
                marked[i >> 6] |= 1UL << i;
                count++;
            }
        }
        var order = snapshot.OrderBy(query.Sort);
        var matches = new int[count];
        var found = 0;
        for (var i = 0; i < order.Length && found < count; i++)
        {
            var index = order[query.Descending ? order.Length - 1 - i : i];
            if ((marked[index >> 6] & (1UL << index)) != 0)
            {
                matches[found++] = index;
            }
        }
        return matches;
    }

    private static bool Matches(ResellerUser user, UserQuery q, string? search) =>
        (string.IsNullOrEmpty(search) || user.Username.Contains(search, StringComparison.OrdinalIgnoreCase))
        && (q.Active switch { ActiveFilter.Active => user.IsActive, ActiveFilter.Inactive => !user.IsActive, _ => true })
        && (!q.Unused || user.UtilizedComputers == 0)
        && (!q.OverAllocated || user.UtilizedComputers > user.AllottedComputers)
        && (q.AllottedMin is not { } min || user.AllottedComputers >= min)
        && (q.AllottedMax is not { } max || user.AllottedComputers <= max)
        && (q.CreatedFrom is not { } from || user.Created >= from)
        && (q.CreatedTo is not { } to || user.Created <= to);
}
