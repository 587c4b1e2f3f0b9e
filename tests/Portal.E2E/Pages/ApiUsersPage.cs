using Microsoft.Playwright;

namespace Portal.E2E.Pages;

/// <summary>/api-users: the API users grid, the create dialog (key and token shown once), change-end and delete.</summary>
public sealed class ApiUsersPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("api-users-grid");

    public ILocator Empty => page.GetByTestId("api-users-empty");

    public ILocator CreateButton => page.GetByTestId("api-user-create");

    public ILocator Prefix => page.Locator("input[data-testid=api-user-prefix], [data-testid=api-user-prefix] input");

    public ILocator Ip => page.Locator("input[data-testid=api-user-ip], [data-testid=api-user-ip] input");

    public ILocator EndDate => page.Locator("input[data-testid=api-user-end-date], [data-testid=api-user-end-date] input");

    public ILocator Submit => page.GetByTestId("api-user-submit");

    public ILocator NewKey => page.Locator("input[data-testid=api-user-new-key], [data-testid=api-user-new-key] input");

    public ILocator NewToken => page.Locator("textarea[data-testid=api-user-new-token], [data-testid=api-user-new-token] textarea");

    public ILocator Done => page.GetByTestId("api-user-done");

    public ILocator ExtendSubmit => page.GetByTestId("api-user-extend-submit");

    public ILocator Snackbar => page.Locator(".mud-snackbar");

    /// <summary>The grid row whose API key cell is exactly <paramref name="apiKey"/>.</summary>
    public ILocator Row(string apiKey) =>
        Grid.Locator("tbody tr", new() { Has = page.Locator("code").GetByText(apiKey, new() { Exact = true }) });

    public async Task GotoAsync()
    {
        await new ShellPage(page).GotoAsync("/api-users");
        await Grid.Locator("tbody tr").First.WaitForAsync();
    }

    /// <summary>Fills and submits the create dialog; returns the key and token it shows once.</summary>
    public async Task<(string Key, string Token)> CreateAsync(string prefix, string ip)
    {
        await CreateButton.ClickAsync();
        await Submit.WaitForAsync();
        await Prefix.FillAsync(prefix);
        await Ip.FillAsync(ip);
        await Ip.BlurAsync();
        await Submit.ClickAsync();
        await Done.WaitForAsync();
        return (await NewKey.InputValueAsync(), await NewToken.InputValueAsync());
    }
}
