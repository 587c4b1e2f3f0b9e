using Portal.Features.Dashboard;
using Portal.Features.Users;
using RemotePc;

namespace Portal.Tests.Features.Dashboard;

public sealed class DashboardStatsTests
{
    private static readonly DateOnly Today = new(2025, 6, 18);

    private static ResellerUser U(string name, int allotted, int utilized, bool active = true, DateOnly? created = null) =>
        new(name, allotted, utilized, active, created);

    [Fact]
    public void Totals_and_utilization_percent()
    {
        var stats = DashboardStats.Compute([U("a", 10, 5), U("b", 6, 1, active: false), U("c", 4, 6)], Today);

        Assert.Equal((3, 2, 20L, 12L), (stats.Users, stats.Active, stats.Allotted, stats.Utilized));
        Assert.Equal(60.0, stats.UtilizationPercent, 6);
        Assert.Equal(1, stats.OverAllocatedCount);
    }

    [Fact]
    public void No_users_or_nothing_allotted_is_zero_percent_not_a_division_by_zero()
    {
        var empty = DashboardStats.Compute([], Today);
        var noneAllotted = DashboardStats.Compute([U("a", 0, 3)], Today);

        Assert.Equal((0, 0.0), (empty.Users, empty.UtilizationPercent));
        Assert.Equal(DashboardStats.Months, empty.SignUpsPerMonth.Count);
        Assert.All(empty.SignUpsPerMonth, m => Assert.Equal(0, m.Count));
        Assert.Empty(empty.MostUnusedSeats);
        Assert.Equal(0.0, noneAllotted.UtilizationPercent);
    }

    [Fact]
    public void Totals_do_not_overflow_with_large_allocations()
    {
        var stats = DashboardStats.Compute([U("a", int.MaxValue, int.MaxValue), U("b", int.MaxValue, 0)], Today);

        Assert.Equal(2L * int.MaxValue, stats.Allotted);
        Assert.Equal(50.0, stats.UtilizationPercent, 6);
    }

    [Fact]
    public void Allocation_buckets_have_inclusive_bounds()
    {
        var allotments = new[] { 0, 0, 1, 2, 5, 6, 10, 11, 25, 26, 100, 101, 5000 };
        var stats = DashboardStats.Compute(allotments.Select((a, i) => U($"u{i}", a, 0)).ToArray(), Today);

        Assert.Equal(
            [("0", 2), ("1", 1), ("2–5", 2), ("6–10", 2), ("11–25", 2), ("26–100", 2), ("> 100", 2)],
            stats.AllocationBuckets.Select(b => (b.Label, b.Count)));
        Assert.Equal(allotments.Length, stats.AllocationBuckets.Sum(b => b.Count));
    }

    [Fact]
    public void Sign_ups_are_counted_per_month_over_the_last_24_months_including_this_one()
    {
        var users = new[]
        {
            U("this-month-1", 1, 0, created: new DateOnly(2025, 6, 1)),
            U("this-month-2", 1, 0, created: Today),
            U("last-month", 1, 0, created: new DateOnly(2025, 5, 31)),
            U("first-month", 1, 0, created: new DateOnly(2023, 7, 1)),
            U("too-old", 1, 0, created: new DateOnly(2023, 6, 30)),
            U("future", 1, 0, created: new DateOnly(2025, 7, 1)),
            U("no-date", 1, 0),
        };

        var months = DashboardStats.Compute(users, Today).SignUpsPerMonth;

        Assert.Equal(24, months.Count);
        Assert.Equal(new DateOnly(2023, 7, 1), months[0].Month);
        Assert.Equal(new DateOnly(2025, 6, 1), months[^1].Month);
        Assert.Equal(months.Select((m, i) => new DateOnly(2023, 7, 1).AddMonths(i)), months.Select(m => m.Month));
        Assert.Equal(2, months[^1].Count);
        Assert.Equal(1, months[^2].Count);
        Assert.Equal(1, months[0].Count);
        Assert.Equal(4, months.Sum(m => m.Count));
    }

    [Fact]
    public void Month_boundaries_work_across_a_year_end_in_january()
    {
        var months = DashboardStats.Compute([U("dec", 1, 0, created: new DateOnly(2024, 12, 31)), U("jan", 1, 0, created: new DateOnly(2025, 1, 1))], new DateOnly(2025, 1, 5)).SignUpsPerMonth;

        Assert.Equal((new DateOnly(2023, 2, 1), new DateOnly(2025, 1, 1)), (months[0].Month, months[^1].Month));
        Assert.Equal((1, 1), (months[^2].Count, months[^1].Count));
    }

    [Fact]
    public void Most_unused_seats_are_ordered_by_unused_then_email_and_capped()
    {
        var users = Enumerable.Range(0, 12).Select(i => U($"user{i:00}@x.test", 10 + i % 3, 0))
            .Append(U("over@x.test", 1, 5)).Append(U("full@x.test", 4, 4)).Append(U("Big@x.test", 100, 1)).ToArray();

        var top = DashboardStats.Compute(users, Today).MostUnusedSeats;

        Assert.Equal(DashboardStats.TopCount, top.Count);
        Assert.Equal("Big@x.test", top[0].Username);
        Assert.Equal(["user02@x.test", "user05@x.test", "user08@x.test", "user11@x.test", "user01@x.test", "user04@x.test", "user07@x.test"], top.Skip(1).Select(u => u.Username));
        Assert.DoesNotContain(top, u => u.UtilizedComputers >= u.AllottedComputers);
    }

    [Fact]
    public void Over_allocated_users_are_ordered_by_the_excess_and_counted_beyond_the_list()
    {
        var users = Enumerable.Range(0, 10).Select(i => U($"o{i}@x.test", 1, 2 + i)).Append(U("ok@x.test", 5, 5)).ToArray();

        var stats = DashboardStats.Compute(users, Today);

        Assert.Equal(10, stats.OverAllocatedCount);
        Assert.Equal(DashboardStats.TopCount, stats.OverAllocated.Count);
        Assert.Equal(["o9@x.test", "o8@x.test"], stats.OverAllocated.Take(2).Select(u => u.Username));
    }

    [Fact]
    public void Stats_are_computed_once_per_snapshot()
    {
        var snapshot = new UserListSnapshot([U("a", 1, 0)], DateTimeOffset.UnixEpoch, 0);

        Assert.Same(DashboardStats.For(snapshot, Today), DashboardStats.For(snapshot, Today));
    }
}
