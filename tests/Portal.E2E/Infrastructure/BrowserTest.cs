using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Base of the browser tests: <see cref="InBrowserAsync"/> runs a test body in a fresh context and page and,
/// if it fails, saves a screenshot to bin/screenshots/{Class}.{Test}.png before the failure is reported.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture)
{
    public static readonly string ScreenshotDirectory =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "screenshots"));

    protected PortalServer Server => fixture.Server;

    protected async Task InBrowserAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "")
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            await SaveScreenshotAsync(page, $"{GetType().Name}.{testName}.failed");
            throw;
        }
    }

    /// <summary>A named full-page screenshot for humans (documentation, reviews), next to the failure screenshots.</summary>
    public static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
