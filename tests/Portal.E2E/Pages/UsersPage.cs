using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/users: the shared list with filters in the URL, the add-user and sign-in-as dialogs.</summary>
public sealed class UsersPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("users-grid");

    public ILocator Emails => page.GetByTestId("user-email");

    public ILocator Count => page.GetByTestId("users-count");

    public ILocator Empty => page.GetByTestId("users-empty");

    public ILocator Search => page.Locator("input[data-testid=user-search]");

    public ILocator ClearSearch => page.GetByTestId("user-search-clear");

    public ILocator Export => page.GetByTestId("users-export");

    public ILocator AddButton => page.GetByTestId("users-add");

    public ILocator SignInActions => page.GetByTestId("user-signin");

    public ILocator SortHeader(string column) => page.GetByTestId("sort-" + column);

    public ILocator Snackbar => page.Locator(".mud-snackbar");

    /// <summary>Opens /users (with an optional query string) and waits until the live circuit shows the grid or the empty state.</summary>
    public async Task GotoAsync(string query = "")
    {
        await new ShellPage(page).GotoAsync("/users" + query);
        await WaitForRowsAsync();
    }

    public Task WaitForRowsAsync() => page.Locator("[data-testid=users-grid], [data-testid=users-empty]").First.WaitForAsync();

    public Task<IReadOnlyList<string>> EmailsAsync() => Emails.AllTextContentsAsync();

    // Add-user dialog
    public ILocator AddDialog => page.GetByTestId("add-user-dialog");

    public ILocator AddSubmit => page.GetByTestId("add-submit");

    public ILocator AddField(string testId) => page.Locator($"input[data-testid={testId}]");

    /// <summary>The helper/error line under one of the dialog's fields.</summary>
    public ILocator FieldError(string testId) =>
        page.Locator($".mud-input-control:has(input[data-testid={testId}]) .mud-input-helper-text.mud-input-error");

    public async Task FillNewUserAsync(string first, string last, string email, string password, int allotted)
    {
        await AddButton.ClickAsync();
        await AddSubmit.WaitForAsync();
        await AddField("add-first").FillAsync(first);
        await AddField("add-last").FillAsync(last);
        await AddField("add-email").FillAsync(email);
        await AddField("add-password").FillAsync(password);
        await AddField("add-allotted").FillAsync(allotted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // MudTextField binds on change: leave the last field so its value reaches the server before the click.
        await AddField("add-allotted").BlurAsync();
    }

    // Sign-in-as dialog
    public ILocator SignInDialog => page.GetByTestId("signin-dialog");

    public ILocator SignInPassword => page.Locator("input[data-testid=signin-password]");

    public ILocator SignInReason => page.Locator("textarea[data-testid=signin-reason]");

    public ILocator SignInSubmit => page.GetByTestId("signin-submit");

    public ILocator SignInError => page.GetByTestId("signin-error");

    /// <summary>Opens the sign-in dialog for the row of <paramref name="email"/> and fills it.</summary>
    public async Task OpenSignInAsync(string email, string password, string reason)
    {
        await page.Locator("tr", new() { Has = page.GetByTestId("user-email").GetByText(email, new() { Exact = true }) })
            .GetByTestId("user-signin").ClickAsync();
        await SignInSubmit.WaitForAsync();
        await SignInPassword.FillAsync(password);
        await SignInReason.FillAsync(reason);
    }
}
