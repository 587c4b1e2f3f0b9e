using RemotePc;

namespace Portal.Features.Users;

public sealed record UserPage(IReadOnlyList<ResellerUser> Items, int TotalCount);

/// <summary>Filters, sorts and pages the shared snapshot on the server; the browser only ever receives one page.</summary>
public static class UserQueryEngine
{
    public static UserPage Run(UserListSnapshot snapshot, UserQuery query)
    {
        if (!query.HasFilters)
        {
            // Unfiltered: the page is a slice of the precomputed order and the total is the list's size.
            var order = snapshot.OrderBy(query.Sort);
            var items = Enumerable.Range(query.Page * query.PageSize, Math.Max(0, Math.Min(query.PageSize, order.Length - query.Page * query.PageSize)))
                .Select(i => snapshot.Users[order[query.Descending ? order.Length - 1 - i : i]]).ToArray();
            return new UserPage(items, order.Length);
        }
        var page = new List<ResellerUser>(query.PageSize);
        var skip = query.Page * query.PageSize;
        var total = 0;
        foreach (var user in Matching(snapshot, query))
        {
            if (total >= skip && page.Count < query.PageSize)
            {
                page.Add(user);
            }
            total++;
        }
        return new UserPage(page, total);
    }

    /// <summary>Every matching user in the query's order (for the CSV export of the whole view).</summary>
    public static IEnumerable<ResellerUser> Matching(UserListSnapshot snapshot, UserQuery query) =>
        query.HasFilters ? FilterThenSort(snapshot, query) : InOrder(snapshot, query);

    // No filter: walk the precomputed order.
    private static IEnumerable<ResellerUser> InOrder(UserListSnapshot snapshot, UserQuery query)
    {
        var order = snapshot.OrderBy(query.Sort);
        for (var i = 0; i < order.Length; i++)
        {
            yield return snapshot.Users[order[query.Descending ? order.Length - 1 - i : i]];
        }
    }

    // A filter: scan the list in its own order (cache-friendly), then sort only the matches by their precomputed rank.
    private static IEnumerable<ResellerUser> FilterThenSort(UserListSnapshot snapshot, UserQuery query)
    {
        var search = query.Search?.Trim();
        var users = snapshot.Users;
        var matches = new List<int>();
        for (var i = 0; i < users.Count; i++)
        {
            if (Matches(users[i], query, search))
            {
                matches.Add(i);
            }
        }
        var rank = snapshot.RankBy(query.Sort);
        var keys = new int[matches.Count];
        var indexes = matches.ToArray();
        for (var i = 0; i < indexes.Length; i++)
        {
            keys[i] = query.Descending ? -rank[indexes[i]] : rank[indexes[i]];
        }
        Array.Sort(keys, indexes);
        foreach (var index in indexes)
        {
            yield return users[index];
        }
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
