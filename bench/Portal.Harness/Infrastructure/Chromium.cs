using Microsoft.Playwright;

namespace Portal.Harness.Infrastructure;

/// <summary>Debian's headless Chromium through Playwright, launched as the E2E tests launch it.</summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Chromium(playwright, browser);
    }

    public Task<IBrowserContext> NewContextAsync(string baseUrl, string? storageState = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
        });

    /// <summary>Signs the harness's Admin in once; the returned storage state (the auth cookie) opens further contexts signed in.</summary>
    public async Task<string> SignInAsync(string baseUrl)
    {
        await using var context = await NewContextAsync(baseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("[data-testid=login-email]", HarnessPortal.AdminEmail);
        await page.FillAsync("[data-testid=login-password]", HarnessPortal.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
