using RemotePc;

namespace Portal.Features.Users;

public sealed record UserPage(IReadOnlyList<ResellerUser> Items, int TotalCount);

/// <summary>Filters, sorts and pages the shared snapshot on the server; the browser only ever receives one page.</summary>
public static class UserQueryEngine
{
    public static UserPage Run(UserListSnapshot snapshot, UserQuery query)
    {
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
    public static IEnumerable<ResellerUser> Matching(UserListSnapshot snapshot, UserQuery query)
    {
        var order = snapshot.OrderBy(query.Sort);
        var search = query.Search?.Trim();
        for (var i = 0; i < order.Length; i++)
        {
            var user = snapshot.Users[order[query.Descending ? order.Length - 1 - i : i]];
            if (Matches(user, query, search))
            {
                yield return user;
            }
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
