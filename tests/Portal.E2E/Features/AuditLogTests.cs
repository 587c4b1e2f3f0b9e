using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Features.Audit;
using Portal.Features.Staff;
using static Microsoft.Playwright.Assertions;
using AuditLogPage = Portal.E2E.Pages.AuditLogPage;

namespace Portal.E2E.Features;

/// <summary>/audit: sign-in rows, filters, keyset paging and the CSV export. Each test filters on an actor of its own.</summary>
public sealed class AuditLogTests(PortalFixture fixture) : BrowserTest(fixture), IClassFixture<PortalFixture>
{
    private const int Actor = 1, Action = 3, Target = 4, Outcome = 5;

    private async Task<AuditLogPage> OpenAsAdminAsync(IPage page)
    {
        var admin = await Server.CreateStaffAsync(StaffRoles.Admin);
        await new LoginPage(page).SignInAsync(admin, PortalServer.Password);
        var audit = new AuditLogPage(page);
        await audit.GotoAsync();
        return audit;
    }

    private async Task WriteRowsAsync(string actor, string action, IEnumerable<string> targets)
    {
        var writer = Server.Services.GetRequiredService<AuditWriter>();
        foreach (var target in targets)
        {
            await writer.WriteAsync(new AuditActor(actor, AuditActorKind.ApiUser, "192.0.2.7"), action, target, AuditOutcome.Success, "written by the E2E test");
        }
    }

    [Fact]
    public Task Sign_ins_show_with_their_outcome_and_filter_by_action_and_actor() => InBrowserAsync(async page =>
    {
        var admin = await Server.CreateStaffAsync(StaffRoles.Admin);
        var stranger = $"stranger-{Guid.NewGuid():N}@portal.test";
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SubmitAsync(stranger, "not-the-password-1");
        await Expect(login.Error).ToBeVisibleAsync();
        await login.SignInAsync(admin, PortalServer.Password);
        var audit = new AuditLogPage(page);
        await audit.GotoAsync();

        // Unfiltered, newest first: both sign-ins are near the top.
        var adminRow = audit.Rows.Filter(new() { HasText = admin }).Filter(new() { HasText = "staff.signin" });
        var strangerRow = audit.Rows.Filter(new() { HasText = stranger }).Filter(new() { HasText = "staff.signin" });
        await Expect(adminRow.Locator("td").Nth(Outcome)).ToHaveTextAsync("Success");
        await Expect(strangerRow.Locator("td").Nth(Outcome)).ToHaveTextAsync("Failure");
        await Expect(strangerRow.Locator("td").Nth(6)).ToHaveTextAsync("wrong email or password");

        await audit.ChooseActionAsync(AuditActions.StaffSignIn);
        await audit.Apply.ClickAsync();

        await Expect(audit.Rows.Locator($"td:nth-child({Action + 1})").Filter(new() { HasNotText = AuditActions.StaffSignIn })).ToHaveCountAsync(0);
        await Expect(adminRow).ToHaveCountAsync(1);
        await Expect(strangerRow).ToHaveCountAsync(1);
        Assert.All(await audit.ColumnAsync(Action), a => Assert.Equal(AuditActions.StaffSignIn, a.Trim()));

        await audit.FilterByActorAsync(stranger);   // action and actor together

        await Expect(audit.Rows).ToHaveCountAsync(1);
        await Expect(audit.Rows.First.Locator("td").Nth(Actor)).ToHaveTextAsync(stranger);
        await Expect(audit.Rows.First.Locator("td").Nth(Outcome)).ToHaveTextAsync("Failure");

        await audit.FilterByActorAsync(admin);

        await Expect(audit.Rows).ToHaveCountAsync(1);
        await Expect(audit.Rows.First.Locator("td").Nth(Outcome)).ToHaveTextAsync("Success");
    });

    [Fact]
    public Task Older_and_newer_page_through_more_than_fifty_rows() => InBrowserAsync(async page =>
    {
        var actor = $"bulk-{Guid.NewGuid():N}";
        await WriteRowsAsync(actor, AuditActions.UserListRead, Enumerable.Range(0, 120).Select(i => $"row-{i:D3}"));
        var audit = await OpenAsAdminAsync(page);

        await audit.FilterByActorAsync(actor);

        // Newest first, 50 a page: 119..70, 69..20, 19..0.
        await Expect(audit.Rows).ToHaveCountAsync(50);
        await Expect(audit.Rows.First.Locator("td").Nth(Target)).ToHaveTextAsync("row-119");
        await Expect(audit.Newer).ToBeDisabledAsync();
        await Expect(audit.Older).ToBeEnabledAsync();
        Assert.Equal(Targets(119, 70), await TargetsAsync(audit));

        await audit.Older.ClickAsync();
        await Expect(audit.Rows.First.Locator("td").Nth(Target)).ToHaveTextAsync("row-069");
        Assert.Equal(Targets(69, 20), await TargetsAsync(audit));
        await Expect(audit.Newer).ToBeEnabledAsync();

        await audit.Older.ClickAsync();
        await Expect(audit.Rows).ToHaveCountAsync(20);
        Assert.Equal(Targets(19, 0), await TargetsAsync(audit));
        await Expect(audit.Older).ToBeDisabledAsync();

        await audit.Newer.ClickAsync();
        await Expect(audit.Rows).ToHaveCountAsync(50);
        Assert.Equal(Targets(69, 20), await TargetsAsync(audit));

        await audit.Newer.ClickAsync();
        await Expect(audit.Rows.First.Locator("td").Nth(Target)).ToHaveTextAsync("row-119");
        await Expect(audit.Newer).ToBeDisabledAsync();
    });

    [Fact]
    public Task The_csv_export_has_the_header_first_and_neutralises_a_formula() => InBrowserAsync(async page =>
    {
        var actor = $"csv-{Guid.NewGuid():N}";
        const string formula = "=HYPERLINK(\"http://evil.test\",\"x\")";
        await WriteRowsAsync(actor, AuditActions.UserAdded, ["plain-target", formula]);
        var audit = await OpenAsAdminAsync(page);
        await audit.FilterByActorAsync(actor);
        await Expect(audit.Rows).ToHaveCountAsync(2);
        await Expect(audit.Rows.First.Locator("td").Nth(Target)).ToHaveTextAsync(formula);

        var csv = await audit.ExportAsync();

        var lines = csv.TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_utc,actor,actor_kind,client_address,action,target,outcome,detail", lines[0]);
        Assert.Equal(3, lines.Length);   // the export follows the page's filter: only this test's two rows
        var formulaLine = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.StartsWith(actor, formulaLine[20..], StringComparison.Ordinal);
        // No cell may start with =: CsvHelper's injection escaping puts a ' in front (inside quotes).
        Assert.DoesNotContain(",=", formulaLine, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", formulaLine, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(", formulaLine, StringComparison.Ordinal);
        Assert.Contains(",plain-target,", lines.Single(l => l.Contains("plain-target", StringComparison.Ordinal)), StringComparison.Ordinal);
    });

    [Fact]
    public Task The_audit_log_in_dark_mode() => InBrowserAsync(async page =>
    {
        var actor = $"dark-{Guid.NewGuid():N}";
        await WriteRowsAsync(actor, AuditActions.UserSignInAs, ["customer@example.test"]);
        var audit = await OpenAsAdminAsync(page);
        var shell = new ShellPage(page);
        var light = await shell.BackgroundColourAsync();

        await shell.ToggleDarkModeAsync();

        await Expect(page.Locator(":root")).Not.ToHaveCSSAsync("--mud-palette-background", light);
        await Expect(audit.Rows.Filter(new() { HasText = actor })).ToHaveCountAsync(1);
        await page.Mouse.MoveAsync(600, 400);   // no tooltip of the toggle in the picture
        await Expect(page.Locator(".mud-tooltip.mud-popover-open")).ToHaveCountAsync(0);
        await SaveScreenshotAsync(page, "audit-dark");
        // The full page is 50 rows tall; the first screen is what a person sees.
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "audit-dark-viewport.png") });
    });

    // Fails today: the Actor cell may not wrap, and the Target/Detail cells carry Class="text-break", which neither MudBlazor 9
    // nor portal.css defines; an API key as actor and a long target push Outcome and Detail off a 1280-px screen.
    [Fact]
    public Task A_long_actor_and_target_wrap_inside_the_table() => InBrowserAsync(async page =>
    {
        var actor = $"Billing_system_for_europe_{Guid.NewGuid():N}"[..52];   // the longest API key: 24 + _ + 27
        await WriteRowsAsync(actor, AuditActions.UserListRead, ["https://example.test/" + new string('a', 299)]);
        var audit = await OpenAsAdminAsync(page);
        await audit.FilterByActorAsync(actor);
        await Expect(audit.Rows).ToHaveCountAsync(1);

        var (scroll, client) = await TableWidthsAsync(page);

        Assert.True(scroll <= client, $"The table is {scroll} px wide in a {client} px container: Outcome and Detail are off screen.");
        await Expect(audit.Rows.First.Locator("td").Nth(Outcome)).ToBeInViewportAsync();
    });

    /// <summary>How far the first table sticks out sideways: its scroll container's overflow, or the page's own.</summary>
    internal static async Task<(int Scroll, int Client)> TableWidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => { const c = document.querySelector('.mud-table-container'); const d = document.documentElement;" +
            " return c.scrollWidth - c.clientWidth >= d.scrollWidth - d.clientWidth ? [c.scrollWidth, c.clientWidth] : [d.scrollWidth, d.clientWidth]; }");
        return (widths[0], widths[1]);
    }

    private static string[] Targets(int from, int downTo) =>
        Enumerable.Range(downTo, from - downTo + 1).Reverse().Select(i => $"row-{i:D3}").ToArray();

    private static async Task<string[]> TargetsAsync(AuditLogPage audit) =>
        (await audit.ColumnAsync(Target)).Select(t => t.Trim()).ToArray();
}
