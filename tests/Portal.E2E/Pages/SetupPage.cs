using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/setup: the first-run form that creates the first Admin with the one-time code from the log.</summary>
public sealed class SetupPage(IPage page)
{
    public ILocator Submit => page.GetByTestId("setup-submit");

    public ILocator Error => page.GetByTestId("form-error");

    public Task WaitUntilShownAsync() => Submit.WaitForAsync();

    public async Task CompleteAsync(string code, string name, string email, string password)
    {
        await page.GetByTestId("setup-code").FillAsync(code);
        await page.GetByTestId("setup-name").FillAsync(name);
        await page.GetByTestId("setup-email").FillAsync(email);
        await page.GetByTestId("setup-password").FillAsync(password);
        await page.GetByTestId("setup-confirm").FillAsync(password);
        await Submit.ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/setup", StringComparison.Ordinal));
    }
}
