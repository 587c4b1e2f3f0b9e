using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/account/login: a server-rendered form; submitting it is a real POST and navigation.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator Email => page.GetByTestId("login-email");

    public ILocator Password => page.GetByTestId("login-password");

    public ILocator Submit => page.GetByTestId("login-submit");

    public ILocator Error => page.GetByTestId("form-error");

    public async Task GotoAsync()
    {
        await page.GotoAsync("/account/login");
        await Submit.WaitForAsync();
    }

    public Task WaitUntilShownAsync() => page.WaitForURLAsync("**/account/login**");

    /// <summary>Fills and submits the form and waits for the answer page to load (the shell or the form with an error).</summary>
    public async Task SubmitAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        // A wrong password answers on the same URL, so WaitForURL cannot tell the answer from the form;
        // waiting for the navigation that the click starts can (this is a full-page POST, not SPA routing).
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => Submit.ClickAsync());
#pragma warning restore CS0612
    }

    /// <summary>Signs in and waits until the interactive shell is live.</summary>
    public async Task<ShellPage> SignInAsync(string email, string password)
    {
        await GotoAsync();
        await SubmitAsync(email, password);
        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();
        return shell;
    }
}
