using Bunit;
using MudBlazor;
using Portal.Features.Staff;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;
using RemotePc;

namespace Portal.Tests.Features.Users;

public sealed class UserGridTests : MudTestContext
{
    private static readonly ResellerUser[] Users =
    [
        new("ann@example.com", 3, 1, true, new DateOnly(2024, 2, 3)),
        new("bob@example.com", 1, 4, false, null),
    ];

    private readonly List<UserQuery> _emitted = [];

    private IRenderedComponent<UserGrid> RenderGrid(UserQuery query, IReadOnlyList<ResellerUser> users, int? total = null, string role = StaffRoles.Operator)
    {
        SignInAs(role);
        EnsurePopoverProvider();
        return Render<UserGrid>(p => p
            .Add(g => g.Page, new UserPage(users, total ?? users.Count))
            .Add(g => g.Query, query)
            .Add(g => g.QueryChanged, q => _emitted.Add(q)));
    }

    [Fact]
    public void Renders_one_row_per_user_with_the_count()
    {
        var grid = RenderGrid(new UserQuery(), Users, total: 1234);

        Assert.Equal(["ann@example.com", "bob@example.com"], grid.FindAll("[data-testid=user-email]").Select(e => e.TextContent));
        Assert.Contains("1,234 users", grid.Find("[data-testid=users-count]").TextContent);
        Assert.Contains("1 / 3", grid.Markup);
        Assert.Contains("4 / 1", grid.Markup);
    }

    // The bar and the chip are plain markup (no component per row; the bar one element in MudProgressLinear's look, the
    // chip in MudBlazor's classes): what MudProgressLinear and MudChip drew must still be there, with the figures a reader
    // and a screen reader need.
    [Fact]
    public void Each_row_shows_a_utilization_bar_and_a_state_chip()
    {
        var grid = RenderGrid(new UserQuery(), [.. Users, new ResellerUser("cid@example.com", 10, 9, true, null), new ResellerUser("dan@example.com", 0, 0, true, null)]);

        var cells = grid.FindAll("[data-testid=user-utilization]");
        var bars = grid.FindAll("[data-testid=user-utilization][role=progressbar]");
        Assert.Equal(["1 of 3 computers utilized", "Over-allocated: 4 utilized, 1 allotted", "9 of 10 computers utilized", "0 of 0 computers utilized"],
            cells.Select(c => c.GetAttribute("title")));
        Assert.Equal(["33.3", "100", "90", "0"], bars.Select(b => b.GetAttribute("aria-valuenow")));
        // The cell is the progress bar, so its title is the bar's accessible name.
        Assert.Equal(cells, bars);
        Assert.Equal(["primary", "error", "warning", "primary"],
            bars.Select(b => b.QuerySelector(".util-bar")!.ClassList.Single(c => c.StartsWith("util-bar-", StringComparison.Ordinal))["util-bar-".Length..]));
        Assert.Equal(["--util-fill: 33.3%", "--util-fill: 100%", "--util-fill: 90%", "--util-fill: 0%"],
            bars.Select(b => b.QuerySelector(".util-bar")!.GetAttribute("style")));

        var chips = grid.FindAll("[data-testid=user-state]");
        Assert.Equal(["Active", "Inactive", "Active", "Active"], chips.Select(c => c.TextContent));
        Assert.All(chips, c => Assert.Contains("mud-chip-outlined", c.ClassList));
        Assert.Equal([true, false, true, true], chips.Select(c => c.ClassList.Contains("mud-chip-color-success")));
    }

    [Fact]
    public void The_bar_keeps_css_numbers_invariant_and_the_texts_in_the_staff_members_language()
    {
        using var _ = new CultureScope("de-DE");

        var grid = RenderGrid(new UserQuery(), [new ResellerUser("ann@example.com", 3000, 1000, false, null)]);

        var bar = grid.Find("[data-testid=user-utilization][role=progressbar]");
        Assert.Equal("33.3", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("--util-fill: 33.3%", bar.QuerySelector(".util-bar")!.GetAttribute("style"));
        Assert.Contains("1.000 / 3.000", grid.Find("[data-testid=user-utilization]").TextContent);
        Assert.Equal("Inaktiv", grid.Find("[data-testid=user-state]").TextContent);
    }

    [Fact]
    public void Over_allocated_rows_are_marked()
    {
        var grid = RenderGrid(new UserQuery(), Users);

        var rows = grid.FindAll("tr.row-over");
        Assert.Single(rows);
        Assert.Contains("bob@example.com", rows[0].TextContent);
    }

    [Fact]
    public void A_hostile_username_is_shown_as_text()
    {
        const string hostile = "<img src=x onerror=alert(1)>@example.com";

        var grid = RenderGrid(new UserQuery(), [new ResellerUser(hostile, 1, 0, true, null)]);

        Assert.Equal(hostile, grid.Find("[data-testid=user-email]").TextContent);
        Assert.Empty(grid.FindAll("img"));
    }

    [Fact]
    public void Without_users_it_says_the_account_has_none()
    {
        var grid = RenderGrid(new UserQuery(), []);

        Assert.Contains("This reseller account has no users yet.", grid.Find("[data-testid=users-empty]").TextContent);
        Assert.Empty(grid.FindAll("[data-testid=users-grid]"));
    }

    [Fact]
    public void With_filters_and_no_match_it_offers_to_clear_them_keeping_the_page_size()
    {
        var grid = RenderGrid(new UserQuery { Search = "zzz", OverAllocated = true, PageSize = 50 }, []);

        Assert.Contains("No user matches these filters.", grid.Find("[data-testid=users-empty]").TextContent);
        grid.FindAll("[data-testid=users-empty] button").Single(b => b.TextContent.Contains("Clear filters")).Click();

        Assert.Equal([new UserQuery { PageSize = 50 }], _emitted);
    }

    [Theory]
    [InlineData("sort-allotted", UserSortColumn.Allotted)]
    [InlineData("sort-utilized", UserSortColumn.Utilized)]
    [InlineData("sort-created", UserSortColumn.Created)]
    [InlineData("sort-active", UserSortColumn.Active)]
    public void Clicking_another_column_sorts_by_it_ascending_from_the_first_page(string header, UserSortColumn column)
    {
        var grid = RenderGrid(new UserQuery { Search = "ann", Page = 3, Descending = true }, Users);

        grid.Find($"[data-testid={header}]").Click();

        Assert.Equal([new UserQuery { Search = "ann", Sort = column, Descending = false, Page = 0 }], _emitted);
    }

    [Fact]
    public void Clicking_the_sorted_column_flips_the_direction_and_shows_it()
    {
        var grid = RenderGrid(new UserQuery { Sort = UserSortColumn.Utilized }, Users);
        Assert.Equal("ascending", grid.Find("[data-testid=sort-utilized]").GetAttribute("aria-sort"));
        Assert.Equal("none", grid.Find("[data-testid=sort-username]").GetAttribute("aria-sort"));

        grid.Find("[data-testid=sort-utilized]").Click();

        Assert.Equal([new UserQuery { Sort = UserSortColumn.Utilized, Descending = true }], _emitted);
    }

    [Fact]
    public void The_sort_header_works_from_the_keyboard()
    {
        var grid = RenderGrid(new UserQuery(), Users);

        grid.Find("[data-testid=sort-username]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        grid.Find("[data-testid=sort-username]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "a" });

        Assert.Equal([new UserQuery { Descending = true }], _emitted);
    }

    [Fact]
    public void An_operator_gets_a_sign_in_action_per_row()
    {
        ResellerUser? chosen = null;
        SignInAs(StaffRoles.Operator);
        EnsurePopoverProvider();
        var grid = Render<UserGrid>(p => p
            .Add(g => g.Page, new UserPage(Users, 2))
            .Add(g => g.Query, new UserQuery())
            .Add(g => g.OnSignIn, u => chosen = u));

        var actions = grid.FindAll("[data-testid=user-signin]");
        Assert.Equal(2, actions.Count);
        // The browser's own tooltip: a MudTooltip per row was a component each.
        Assert.All(actions, a => Assert.Equal("Sign in as this customer", a.GetAttribute("title")));
        Assert.All(actions, a => Assert.Equal("Sign in as this customer", a.GetAttribute("aria-label")));
        actions[1].Click();

        Assert.Equal("bob@example.com", chosen?.Username);
    }

    [Theory]
    [InlineData(StaffRoles.Viewer)]
    [InlineData("")]
    public void Staff_outside_the_operate_policy_get_no_sign_in_action(string role)
    {
        var grid = RenderGrid(new UserQuery(), Users, role: role);

        Assert.Equal(2, grid.FindAll("[data-testid=user-email]").Count);
        Assert.Empty(grid.FindAll("[data-testid=user-signin]"));
        // Nor an empty actions column.
        Assert.Equal(["Email", "Allotted", "Utilized", "Created", "State"], grid.FindAll("thead th").Select(h => h.TextContent.Trim()));
        Assert.All(grid.FindAll("tbody tr"), r => Assert.Equal(5, r.QuerySelectorAll("td").Length));
    }

    [Fact]
    public void The_pager_moves_to_the_chosen_page()
    {
        var grid = RenderGrid(new UserQuery { PageSize = 25, Search = "a" }, Users, total: 100);

        grid.FindAll("[data-testid=users-pager] button").First(b => b.TextContent.Trim() == "3").Click();

        Assert.Equal([new UserQuery { PageSize = 25, Search = "a", Page = 2 }], _emitted);
    }

    // The grid is a plain table, not MudDataGrid: hiding a column is a menu of the hideable ones, rendered only while open.
    [Fact]
    public void The_columns_menu_hides_and_shows_a_column_but_never_the_email()
    {
        SignInAs(StaffRoles.Operator);
        var popovers = Render<MudPopoverProvider>();
        var grid = Render<UserGrid>(p => p.Add(g => g.Page, new UserPage(Users, 2)).Add(g => g.Query, new UserQuery()));
        Assert.Empty(popovers.FindAll("[data-testid^=users-column-]"));

        grid.Find("[data-testid=users-columns] button").Click();
        Assert.Equal(["Allotted", "Utilized", "Created", "State"], popovers.FindAll("[data-testid^=users-column-]").Select(i => i.TextContent.Trim()));
        popovers.Find("[data-testid=users-column-utilized]").Click();

        grid.WaitForAssertion(() => Assert.Empty(grid.FindAll("[data-testid=user-utilization]")));
        Assert.Empty(grid.FindAll("[data-testid=sort-utilized]"));
        Assert.Equal(["Email", "Allotted", "Created", "State", "Actions"], grid.FindAll("thead th").Select(h => h.TextContent.Trim()));
        Assert.All(grid.FindAll("tbody tr"), r => Assert.Equal(5, r.QuerySelectorAll("td").Length));
        Assert.Equal(2, grid.FindAll("[data-testid=user-email]").Count);

        popovers.Find("[data-testid=users-column-utilized]").Click();

        grid.WaitForAssertion(() => Assert.Equal(2, grid.FindAll("[data-testid=user-utilization]").Count));
        Assert.Equal(["Email", "Allotted", "Utilized", "Created", "State", "Actions"], grid.FindAll("thead th").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void Each_cell_carries_its_column_title_for_the_stacked_small_screen_layout()
    {
        using var _ = new CultureScope("de-DE");

        var grid = RenderGrid(new UserQuery(), Users);

        Assert.Equal(["E-Mail", "Zugeteilt", "Genutzt", "Angelegt", "Zustand", "Aktionen"],
            grid.Find("tbody tr").QuerySelectorAll("td").Select(c => c.GetAttribute("data-label")));
    }
}
