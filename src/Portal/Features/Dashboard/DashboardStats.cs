using System.Runtime.CompilerServices;
using Portal.Features.Users;
using RemotePc;

namespace Portal.Features.Dashboard;

public sealed record MonthCount(DateOnly Month, int Count);

public sealed record BucketCount(string Label, int Count);

/// <summary>Totals and distributions of one user-list snapshot, computed once per snapshot and shared by every circuit.</summary>
public sealed record DashboardStats(
    int Users, int Active, long Allotted, long Utilized, double UtilizationPercent,
    IReadOnlyList<MonthCount> SignUpsPerMonth, IReadOnlyList<BucketCount> AllocationBuckets,
    IReadOnlyList<ResellerUser> MostUnusedSeats, IReadOnlyList<ResellerUser> OverAllocated, int OverAllocatedCount)
{
    public const int Months = 24;
    public const int TopCount = 8;

    private static readonly ConditionalWeakTable<UserListSnapshot, DashboardStats> Cache = new();

    private static readonly (string Label, int Min, int Max)[] Buckets =
        [("0", 0, 0), ("1", 1, 1), ("2–5", 2, 5), ("6–10", 6, 10), ("11–25", 11, 25), ("26–100", 26, 100), ("> 100", 101, int.MaxValue)];

    public static DashboardStats For(UserListSnapshot snapshot, DateOnly today) =>
        Cache.GetValue(snapshot, s => Compute(s.Users, today));

    public static DashboardStats Compute(IReadOnlyList<ResellerUser> users, DateOnly today)
    {
        long allotted = 0, utilized = 0;
        var active = 0;
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var perMonth = new int[Months];
        var buckets = new int[Buckets.Length];
        var overCount = 0;
        foreach (var user in users)
        {
            allotted += user.AllottedComputers;
            utilized += user.UtilizedComputers;
            active += user.IsActive ? 1 : 0;
            overCount += user.UtilizedComputers > user.AllottedComputers ? 1 : 0;
            if (user.Created is { } created && created >= firstMonth)
            {
                var index = (created.Year - firstMonth.Year) * 12 + created.Month - firstMonth.Month;
                if (index < Months)
                {
                    perMonth[index]++;
                }
            }
            var bucket = Array.FindIndex(Buckets, b => user.AllottedComputers >= b.Min && user.AllottedComputers <= b.Max);
            if (bucket >= 0)
            {
                buckets[bucket]++;
            }
        }
        return new DashboardStats(
            users.Count, active, allotted, utilized, allotted == 0 ? 0 : 100.0 * utilized / allotted,
            perMonth.Select((count, i) => new MonthCount(firstMonth.AddMonths(i), count)).ToArray(),
            Buckets.Select((b, i) => new BucketCount(b.Label, buckets[i])).ToArray(),
            users.Where(u => u.AllottedComputers > u.UtilizedComputers)
                .OrderByDescending(u => u.AllottedComputers - u.UtilizedComputers).ThenBy(u => u.Username, StringComparer.OrdinalIgnoreCase).Take(TopCount).ToArray(),
            users.Where(u => u.UtilizedComputers > u.AllottedComputers)
                .OrderByDescending(u => u.UtilizedComputers - u.AllottedComputers).ThenBy(u => u.Username, StringComparer.OrdinalIgnoreCase).Take(TopCount).ToArray(),
            overCount);
    }
}
