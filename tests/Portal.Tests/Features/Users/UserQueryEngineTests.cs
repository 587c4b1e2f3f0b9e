using Portal.Features.Users;
using RemotePc;

namespace Portal.Tests.Features.Users;

/// <summary>Server-side filter, sort and paging over one snapshot.</summary>
public sealed class UserQueryEngineTests
{
    private static readonly DateOnly D = new(2025, 3, 15);

    private static readonly ResellerUser[] Users =
    [
        new("carol@example.com", 5, 0, true, D.AddDays(-30)),
        new("Alice@Example.com", 2, 3, true, D.AddDays(-400)),
        new("bob@example.com", 0, 0, false, null),
        new("dave@corp.test", 10, 10, true, D),
        new("erin@corp.test", 1, 4, false, D.AddDays(10)),
        new("frank@example.com", 3, 1, true, D.AddDays(-1)),
    ];

    private static readonly UserListSnapshot Snapshot = new(Users, DateTimeOffset.UnixEpoch, 0);

    private static string[] Names(UserQuery q) => UserQueryEngine.Matching(Snapshot, q).Select(u => u.Username).ToArray();

    [Fact]
    public void The_default_view_is_every_user_by_email_ignoring_case()
    {
        Assert.Equal(["Alice@Example.com", "bob@example.com", "carol@example.com", "dave@corp.test", "erin@corp.test", "frank@example.com"], Names(new UserQuery()));
    }

    [Theory]
    [InlineData("EXAMPLE.COM", new[] { "Alice@Example.com", "bob@example.com", "carol@example.com", "frank@example.com" })]
    [InlineData("alice", new[] { "Alice@Example.com" })]
    [InlineData("  Corp.Test ", new[] { "dave@corp.test", "erin@corp.test" })]
    [InlineData("nobody", new string[0])]
    public void Search_matches_part_of_the_email_ignoring_case_and_surrounding_spaces(string search, string[] expected) =>
        Assert.Equal(expected, Names(new UserQuery { Search = search }));

    [Fact]
    public void The_active_filter_keeps_active_or_inactive_users()
    {
        Assert.Equal(["Alice@Example.com", "carol@example.com", "dave@corp.test", "frank@example.com"], Names(new UserQuery { Active = ActiveFilter.Active }));
        Assert.Equal(["bob@example.com", "erin@corp.test"], Names(new UserQuery { Active = ActiveFilter.Inactive }));
    }

    [Fact]
    public void Unused_means_nothing_utilized() =>
        Assert.Equal(["bob@example.com", "carol@example.com"], Names(new UserQuery { Unused = true }));

    [Fact]
    public void Over_allocated_means_utilized_above_allotted_and_not_equal() =>
        Assert.Equal(["Alice@Example.com", "erin@corp.test"], Names(new UserQuery { OverAllocated = true }));

    [Fact]
    public void The_allotted_range_includes_both_ends()
    {
        Assert.Equal(["Alice@Example.com", "carol@example.com", "frank@example.com"], Names(new UserQuery { AllottedMin = 2, AllottedMax = 5 }));
        Assert.Equal(["carol@example.com", "dave@corp.test"], Names(new UserQuery { AllottedMin = 5 }));
        Assert.Equal(["bob@example.com", "erin@corp.test"], Names(new UserQuery { AllottedMax = 1 }));
    }

    [Fact]
    public void The_created_range_includes_both_days_and_leaves_out_users_without_a_date()
    {
        Assert.Equal(["carol@example.com", "dave@corp.test", "frank@example.com"], Names(new UserQuery { CreatedFrom = D.AddDays(-30), CreatedTo = D }));
        Assert.Equal(["dave@corp.test", "erin@corp.test"], Names(new UserQuery { CreatedFrom = D }));
        Assert.Equal(["Alice@Example.com"], Names(new UserQuery { CreatedTo = D.AddDays(-31) }));
    }

    [Fact]
    public void Filters_combine()
    {
        Assert.Equal(["Alice@Example.com"], Names(new UserQuery { OverAllocated = true, Active = ActiveFilter.Active, Search = "example" }));
    }

    public static TheoryData<UserSortColumn, Func<ResellerUser, IComparable?>> Columns => new()
    {
        { UserSortColumn.Username, u => u.Username.ToUpperInvariant() },
        { UserSortColumn.Allotted, u => u.AllottedComputers },
        { UserSortColumn.Utilized, u => u.UtilizedComputers },
        { UserSortColumn.Created, u => u.Created },
        { UserSortColumn.Active, u => u.IsActive },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Every_column_sorts_both_ways_with_ties_by_email(UserSortColumn column, Func<ResellerUser, IComparable?> key)
    {
        var ascending = Users.OrderBy(key).ThenBy(u => u.Username, StringComparer.OrdinalIgnoreCase).Select(u => u.Username).ToArray();

        Assert.Equal(ascending, Names(new UserQuery { Sort = column }));
        Assert.Equal(ascending.Reverse(), Names(new UserQuery { Sort = column, Descending = true }));
    }

    [Fact]
    public void Sorting_by_utilized_descending_puts_the_heaviest_users_first()
    {
        Assert.Equal(["dave@corp.test", "erin@corp.test", "Alice@Example.com"], Names(new UserQuery { Sort = UserSortColumn.Utilized, Descending = true }).Take(3));
    }

    [Fact]
    public void Paging_returns_one_page_and_the_total_of_the_filtered_view()
    {
        var first = UserQueryEngine.Run(Snapshot, new UserQuery { PageSize = 4 });
        var second = UserQueryEngine.Run(Snapshot, new UserQuery { PageSize = 4, Page = 1 });
        var beyond = UserQueryEngine.Run(Snapshot, new UserQuery { PageSize = 4, Page = 7 });
        var filtered = UserQueryEngine.Run(Snapshot, new UserQuery { PageSize = 1, Page = 1, Active = ActiveFilter.Inactive });

        Assert.Equal((4, 6), (first.Items.Count, first.TotalCount));
        Assert.Equal(["erin@corp.test", "frank@example.com"], second.Items.Select(u => u.Username));
        Assert.Equal((0, 6), (beyond.Items.Count, beyond.TotalCount));
        Assert.Equal(["erin@corp.test"], filtered.Items.Select(u => u.Username));
        Assert.Equal(2, filtered.TotalCount);
        Assert.Equal(Names(new UserQuery()), first.Items.Concat(second.Items).Select(u => u.Username));
    }

    [Fact]
    public void An_empty_list_gives_an_empty_page()
    {
        var page = UserQueryEngine.Run(new UserListSnapshot([], DateTimeOffset.UnixEpoch, 0), new UserQuery { Sort = UserSortColumn.Created, Descending = true });

        Assert.Equal((0, 0), (page.Items.Count, page.TotalCount));
    }

    [Fact]
    public void The_snapshot_finds_an_email_ignoring_case()
    {
        Assert.True(Snapshot.Contains("ALICE@example.COM"));
        Assert.False(Snapshot.Contains("zed@example.com"));
    }
}
