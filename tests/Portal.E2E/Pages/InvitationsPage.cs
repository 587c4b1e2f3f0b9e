using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/invitations: paste or upload, preview (fix, drop, confirm), then the job page with progress and results.</summary>
public sealed class InvitationsPage(IPage page)
{
    // MudBlazor puts unknown attributes on the input element itself, or on its wrapper in some versions: accept both.
    public ILocator Paste => page.Locator("textarea[data-testid=invite-paste], [data-testid=invite-paste] textarea");

    public ILocator Check => page.GetByTestId("invite-check");

    public ILocator Preview => page.GetByTestId("invite-preview");

    public ILocator Confirm => page.GetByTestId("invite-confirm");

    public ILocator Count(string kind) => page.GetByTestId($"preview-count-{kind}");

    public ILocator EditComputers(int line) =>
        page.Locator($"input[data-testid=preview-edit-computers-{line}], [data-testid=preview-edit-computers-{line}] input");

    public ILocator Drop(int line) => page.GetByTestId($"preview-drop-{line}");

    public ILocator JobSummary => page.GetByTestId("job-summary");

    public ILocator JobProgress => page.GetByTestId("job-progress");

    public ILocator RetryFailed => page.GetByTestId("job-retry");

    public ILocator Export => page.GetByTestId("job-export");

    public ILocator Filter(string state) => page.GetByTestId($"job-filter-{state}");

    public ILocator ResultRows => page.GetByTestId("job-result-row");

    public async Task GotoAsync()
    {
        await page.GotoAsync("/invitations");
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    public async Task CheckPastedAsync(string text)
    {
        await Paste.FillAsync(text);
        await Check.ClickAsync();
        await Preview.WaitForAsync();
    }

    public async Task FixComputersAsync(int line, string value)
    {
        await EditComputers(line).FillAsync(value);
        await EditComputers(line).PressAsync("Tab");
    }

    /// <summary>Downloads the results CSV through the export button and returns its text.</summary>
    public async Task<string> ExportAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => Export.ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }
}
