using System.Net;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Portal.Features.Staff;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;
using RemotePc;

namespace Portal.Tests.Features.Users;

/// <summary>The users page over the shared cache (fed by a scripted client): roles, the URL as the view, the banner.</summary>
public sealed class UsersPageTests : UsersTestContext
{
    private static readonly ResellerUser[] Users =
    [
        new("ann@example.com", 3, 1, true, new DateOnly(2024, 2, 3)),
        new("bob@example.com", 1, 4, false, null),
        new("cid@example.com", 2, 5, true, null),
    ];

    private readonly RenderLog _renders = new();

    public UsersPageTests()
    {
        Client.OnList = () => Task.FromResult(new UserListResult(Users, 0));
        Services.AddLogging(b => b.AddProvider(_renders).AddFilter<RenderLog>(RenderLog.Category, LogLevel.Debug));
    }

    private IRenderedComponent<UsersPage> RenderPage(string role, string url = "/users")
    {
        SignInAs(role);
        EnsurePopoverProvider();
        Render<MudBlazor.MudDialogProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var page = Render<UsersPage>();
        page.WaitForElement("[data-testid=users-grid], [data-testid=users-empty]");
        return page;
    }

    // RemotePC sends created_date as MM-dd-yyyy (ann's "02-03-2024"); RemotePc.Tests prove the parsing, this the display.
    [Theory]
    [InlineData("de-DE", "Benutzer", "03.02.2024", "Aktualisieren", "Zeilen pro Seite", "Nach E-Mail suchen")]
    [InlineData("en-US", "Users", "2/3/2024", "Refresh", "Rows per page", "Search by email")]
    public void The_page_speaks_the_staff_members_language_and_writes_dates_as_it_does(
        string culture, string heading, string created, string refresh, string rowsPerPage, string searchLabel)
    {
        using var _ = new Portal.Tests.Infrastructure.CultureScope(culture);

        var page = RenderPage(StaffRoles.Viewer);

        Assert.Equal(heading, page.Find("h1").TextContent.Trim());
        Assert.Equal(refresh, page.Find("[data-testid=users-refresh]").TextContent.Trim());
        Assert.Contains(rowsPerPage, page.Markup);
        Assert.NotEmpty(page.FindAll($"input[placeholder='{searchLabel}']"));
        var annRow = page.FindAll("[data-testid=users-grid] tbody tr").Single(r => r.TextContent.Contains("ann@example.com", StringComparison.Ordinal));
        Assert.Contains(created, annRow.TextContent);
    }

    [Fact]
    public void A_viewer_sees_the_list_without_add_or_sign_in_controls()
    {
        var page = RenderPage(StaffRoles.Viewer);

        Assert.Equal(3, page.FindAll("[data-testid=user-email]").Count);
        Assert.Empty(page.FindAll("[data-testid=users-add]"));
        Assert.Empty(page.FindAll("[data-testid=user-signin]"));
        Assert.NotNull(page.Find("[data-testid=users-export]"));
    }

    [Theory]
    [InlineData(StaffRoles.Operator)]
    [InlineData(StaffRoles.Admin)]
    public void Operators_and_admins_get_add_and_sign_in(string role)
    {
        var page = RenderPage(role);

        Assert.NotNull(page.Find("[data-testid=users-add]"));
        Assert.Equal(3, page.FindAll("[data-testid=user-signin]").Count);
    }

    [Fact]
    public void A_link_with_filters_reproduces_the_view_and_the_export_link_carries_it()
    {
        var page = RenderPage(StaffRoles.Viewer, "/users?over=1&sort=utilized&desc=1");

        Assert.Equal(["cid@example.com", "bob@example.com"], page.FindAll("[data-testid=user-email]").Select(e => e.TextContent));
        Assert.Equal("descending", page.Find("[data-testid=sort-utilized]").GetAttribute("aria-sort"));
        Assert.Equal("/users/export.csv?over=1&sort=utilized&desc=1", page.Find("[data-testid=users-export]").GetAttribute("href"));
    }

    [Fact]
    public void Sorting_puts_the_view_in_the_url()
    {
        var page = RenderPage(StaffRoles.Viewer);
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

        page.Find("[data-testid=sort-allotted]").Click();

        // bUnit has no router to hand the page its new URL; the E2E tests check that the rows follow.
        Assert.EndsWith("/users?sort=allotted", navigation.Uri);
    }

    // Chromium's history update (replaceState, 4 to 6 ms) delayed the paint of the new rows when it came first: the URL
    // changes only once the browser says it has painted them (bench/Portal.Harness row 3).
    [Fact]
    public void The_url_follows_once_the_browser_has_painted_the_new_rows()
    {
        var painted = JSInterop.SetupModule("./js/after-paint.js").SetupVoid("afterPaint");
        var page = RenderPage(StaffRoles.Viewer);
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

        page.Find("[data-testid=sort-allotted]").Click();

        // The view has changed, its URL not yet.
        Assert.Equal("ascending", page.Find("[data-testid=sort-allotted]").GetAttribute("aria-sort"));
        Assert.EndsWith("/users", navigation.Uri);
        page.InvokeAsync(() => painted.SetVoidResult());
        page.WaitForAssertion(() => Assert.EndsWith("/users?sort=allotted", navigation.Uri));
    }

    [Fact]
    public void The_url_still_follows_when_the_browser_cannot_say_it_has_painted()
    {
        JSInterop.SetupModule("./js/after-paint.js").SetupVoid("afterPaint").SetException(new JSException("after-paint.js did not load"));
        var page = RenderPage(StaffRoles.Viewer);
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

        page.Find("[data-testid=sort-allotted]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/users?sort=allotted", navigation.Uri));
    }

    // The rows are painted from one render of the grid per keystroke (bench/Portal.Harness row 3). Once a search is set,
    // typing changes nothing else the filter panel shows, so the panel's fields are not rendered again.
    [Fact]
    public void A_search_keystroke_renders_the_grid_once_and_the_filter_panel_not_at_all()
    {
        var page = RenderPage(StaffRoles.Viewer);
        page.Find("input[data-testid=user-search]").Input("a");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=user-email]").Count));
        var (grid, filters) = (_renders.Count<UserGrid>(), _renders.Count<UserFilters>());

        page.Find("input[data-testid=user-search]").Input("an");

        page.WaitForAssertion(() => Assert.Equal(["ann@example.com"], page.FindAll("[data-testid=user-email]").Select(e => e.TextContent)));
        Assert.Equal(grid + 1, _renders.Count<UserGrid>());
        Assert.Equal(filters, _renders.Count<UserFilters>());
    }

    // The first keystroke of a search makes "Clear filters" appear, and erasing it hides the button again, without the
    // filter panel's fields rendering for it (the panel's 60 components per keystroke in bench/Portal.Harness row 3).
    [Fact]
    public void Clear_filters_follows_the_search_without_rendering_the_filter_panel()
    {
        var page = RenderPage(StaffRoles.Viewer);
        var filters = _renders.Count<UserFilters>();
        Assert.Empty(page.FindAll("[data-testid=filter-clear]"));

        page.Find("input[data-testid=user-search]").Input("a");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=filter-clear]")));
        page.Find("input[data-testid=user-search]").Input("");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=filter-clear]")));

        Assert.Equal(filters, _renders.Count<UserFilters>());
    }

    // While staff type, the box holds text the panel never handed it; a URL that puts the panel's last text back (here a
    // link to the earlier search) must still show in the box.
    [Fact]
    public void A_link_back_to_an_earlier_search_puts_its_text_in_the_box()
    {
        var page = RenderPage(StaffRoles.Viewer);
        var search = () => page.Find("input[data-testid=user-search]");
        search().Input("a");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=user-email]").Count));
        search().Input("an");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=user-email]")));

        page.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("/users?q=a"));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=user-email]").Count));
        Assert.Equal("a", search().GetAttribute("value"));
    }

    // On a real circuit the browser confirms each navigation a moment later: typing "a" then "an" quickly, the confirmation
    // of "a" arrives while "an" is shown. Reading it back put "a" in the box and the rows, and the next keystroke was lost.
    [Fact]
    public void Typing_faster_than_the_browser_confirms_keeps_the_newest_search()
    {
        var navigation = new DeferredNavigationManager();
        Services.AddSingleton<NavigationManager>(navigation);
        SignInAs(StaffRoles.Viewer);
        EnsurePopoverProvider();
        var page = Render<UsersPage>();
        page.WaitForElement("[data-testid=users-grid]");
        var search = () => page.Find("input[data-testid=user-search]");

        search().Input("a");
        search().Input("an");
        page.WaitForAssertion(() => Assert.Equal(["ann@example.com"], page.FindAll("[data-testid=user-email]").Select(e => e.TextContent)));

        foreach (var _ in new[] { "a", "an" })
        {
            page.InvokeAsync(navigation.ConfirmNext);

            Assert.Equal(["ann@example.com"], page.FindAll("[data-testid=user-email]").Select(e => e.TextContent));
            Assert.Equal("an", search().GetAttribute("value"));
        }

        // Someone else's navigation (the back button) is still read as it comes.
        page.InvokeAsync(() => navigation.ArriveFromBrowser("/users?q=a"));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=user-email]").Count));
        Assert.Equal("a", search().GetAttribute("value"));
    }

    /// <summary>A NavigationManager whose navigations reach the page only when the test lets the "browser" confirm them.</summary>
    private sealed class DeferredNavigationManager : NavigationManager
    {
        private readonly Queue<string> _unconfirmed = new();

        public DeferredNavigationManager() => Initialize("http://localhost/", "http://localhost/users");

        protected override void NavigateToCore(string uri, NavigationOptions options) => _unconfirmed.Enqueue(ToAbsoluteUri(uri).ToString());

        public void ConfirmNext() => ArriveFromBrowser(_unconfirmed.Dequeue());

        public void ArriveFromBrowser(string uri)
        {
            Uri = ToAbsoluteUri(uri).ToString();
            NotifyLocationChanged(isInterceptedLink: false);
        }
    }

    // Sorting changes nothing the filter panel shows, so the panel and its fields (some 60 MudBlazor components) stay as they are.
    [Fact]
    public void A_sort_click_renders_the_grid_once_and_not_the_filter_panel()
    {
        var page = RenderPage(StaffRoles.Viewer);
        var (grid, filters) = (_renders.Count<UserGrid>(), _renders.Count<UserFilters>());

        page.Find("[data-testid=sort-utilized]").Click();

        page.WaitForAssertion(() => Assert.Equal(["ann@example.com", "bob@example.com", "cid@example.com"],
            page.FindAll("[data-testid=user-email]").Select(e => e.TextContent)));
        Assert.Equal(grid + 1, _renders.Count<UserGrid>());
        Assert.Equal(filters, _renders.Count<UserFilters>());
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_list_under_a_banner_that_says_why()
    {
        var page = RenderPage(StaffRoles.Viewer);
        Client.OnList = () => throw new RemotePcApiException(HttpStatusCode.Forbidden, "Forbidden", ["Forbidden"]);

        await Services.GetRequiredService<ResellerUserCache>().RefreshAsync();

        page.WaitForAssertion(() => Assert.Contains("not on the reseller account's IP whitelist", page.Find("[data-testid=users-banner]").TextContent));
        Assert.Contains("last good one", page.Find("[data-testid=users-banner]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=user-email]").Count);
    }

    [Fact]
    public void While_the_first_list_loads_the_page_says_so()
    {
        var never = new TaskCompletionSource<UserListResult>();
        Client.OnList = () => never.Task;
        SignInAs(StaffRoles.Viewer);
        EnsurePopoverProvider();

        var page = Render<UsersPage>();

        Assert.Contains("Loading the user list", page.Find("[data-testid=users-loading]").TextContent);
        never.SetResult(new UserListResult(Users, 0));
        page.WaitForElement("[data-testid=users-grid]");
    }
}
