using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/settings: the reseller key's status (fingerprint, last test), Test connection, and the Replace-key form.</summary>
public sealed class SettingsPage(IPage page)
{
    public ILocator KeyCard => page.GetByTestId("reseller-key-card");

    public ILocator Fingerprint => page.GetByTestId("key-fingerprint");

    public ILocator TestButton => page.GetByTestId("key-test");

    public ILocator ReplaceButton => page.GetByTestId("key-replace");

    // MudTextField puts unknown attributes on the inner <input>; accept a wrapper too, as InvitationsPage does.
    public ILocator KeyInput => page.Locator("input[data-testid=key-input], [data-testid=key-input] input");

    public ILocator Save => page.GetByTestId("key-save");

    public ILocator TestError => page.GetByTestId("key-test-error");

    public ILocator StoreAnyway => page.GetByTestId("key-store-anyway");

    public ILocator TestOk => page.GetByTestId("key-test-ok");

    public ILocator TestFailed => page.GetByTestId("key-test-failed");

    public ILocator Snackbar => page.Locator(".mud-snackbar");

    public async Task GotoAsync()
    {
        await new ShellPage(page).GotoAsync("/settings");
        await Fingerprint.Or(page.GetByTestId("key-missing")).WaitForAsync();
    }

    /// <summary>Opens the form (if it is not open yet), pastes <paramref name="key"/> and clicks Test and save.</summary>
    public async Task SubmitKeyAsync(string key)
    {
        if (!await KeyInput.IsVisibleAsync())
        {
            await ReplaceButton.ClickAsync();
        }
        await KeyInput.FillAsync(key);
        // MudTextField binds on change: leave the field so the value reaches the server before the click.
        await KeyInput.BlurAsync();
        await Save.ClickAsync();
    }
}
