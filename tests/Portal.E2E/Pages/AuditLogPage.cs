using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/audit: filters (actor, action, target, dates), keyset paging Older/Newer and the CSV export.</summary>
public sealed class AuditLogPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("audit-grid");

    public ILocator Rows => Grid.Locator("tbody tr.mud-table-row");

    public ILocator Actor => page.Locator("input[data-testid=audit-actor], [data-testid=audit-actor] input");

    public ILocator ActionSelect => page.GetByTestId("audit-action");

    public ILocator Apply => page.GetByTestId("audit-apply");

    public ILocator Older => page.GetByTestId("audit-older");

    public ILocator Newer => page.GetByTestId("audit-newer");

    public ILocator Export => page.GetByTestId("audit-export");

    /// <summary>The text of column <paramref name="column"/> (0 time, 1 actor, 2 address, 3 action, 4 target, 5 outcome, 6 detail) of every row.</summary>
    public Task<IReadOnlyList<string>> ColumnAsync(int column) =>
        Rows.Locator($"td:nth-child({column + 1})").AllInnerTextsAsync();

    public async Task GotoAsync()
    {
        await new ShellPage(page).GotoAsync("/audit");
        await Rows.First.WaitForAsync();
    }

    public async Task FilterByActorAsync(string actor)
    {
        await Actor.FillAsync(actor);
        await Actor.BlurAsync();
        await Apply.ClickAsync();
    }

    /// <summary>Picks <paramref name="action"/> in the Action select (a MudSelect: a popover list of items).</summary>
    public async Task ChooseActionAsync(string action)
    {
        await ActionSelect.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(action, new() { Exact = true }).ClickAsync();
        // MudSelect sets its value after awaiting the popover's close; a click on Apply sent before that
        // would run with the old value. A person never clicks that fast, a test does: wait for the field to show it.
        await Assertions.Expect(ActionSelect).ToHaveTextAsync(action);
        await Assertions.Expect(ActionSelect).ToHaveAttributeAsync("aria-expanded", "false");
    }

    /// <summary>Downloads the CSV through the export button and returns its text.</summary>
    public async Task<string> ExportAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => Export.ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }
}
