using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>The interactive shell: app bar, user menu, navigation and the page body.</summary>
public sealed class ShellPage(IPage page)
{
    // Prerendered HTML looks complete but has no event handlers until the circuit has rendered it again.
    // Blazor sets a _bl_* attribute on an element whose reference a component captures, and only the
    // interactive renderer does so: once the toggle carries one, clicks reach the server.
    private const string ToggleIsLive =
        "() => { const b = document.querySelector('[data-testid=dark-mode-toggle]');" +
        " return !!b && [...b.attributes].some(a => a.name.startsWith('_bl_')); }";

    public ILocator SandboxBadge => page.GetByTestId("sandbox-badge");

    public ILocator Welcome => page.GetByTestId("welcome");

    public ILocator NavMenu => page.GetByTestId("nav-menu");

    public ILocator AccessDenied => page.GetByTestId("access-denied");

    public ILocator NotFound => page.GetByTestId("not-found");

    public ILocator NavToggle => page.GetByTestId("nav-toggle");

    public ILocator NavDrawer => page.GetByTestId("nav-drawer");

    public ILocator DarkModeToggle => page.GetByTestId("dark-mode-toggle");

    public ILocator NavLink(string href) => NavMenu.Locator($"a[href='{href}']");

    public async Task GotoAsync(string path = "/")
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
    }

    public async Task WaitUntilInteractiveAsync()
    {
        await page.WaitForFunctionAsync(ToggleIsLive);
    }

    public async Task SignOutAsync()
    {
        await page.GetByTestId("user-menu").Locator(".user-chip").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/login");
    }

    public Task ToggleDarkModeAsync() => DarkModeToggle.ClickAsync();

    public ILocator Heading => page.Locator("h1");

    /// <summary>Picks a language in the app bar's menu; the page reloads in it, and this waits until it is live again.</summary>
    public async Task SwitchLanguageAsync(string languageName)
    {
        await page.GetByTestId("language-menu").Locator("button").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item").GetByText(languageName, new() { Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>The theme's background colour, as MudBlazor's theme provider sets it on :root.</summary>
    public Task<string> BackgroundColourAsync() =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()");
}
