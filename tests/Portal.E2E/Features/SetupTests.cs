using System.Text.RegularExpressions;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Features;

/// <summary>The first run, on a server of its own: it starts with no account at all.</summary>
public sealed class SetupTests(FirstRunPortalFixture fixture) : BrowserTest(fixture), IClassFixture<FirstRunPortalFixture>
{
    [Fact]
    public Task Setup_with_the_code_from_the_log_lands_in_the_shell_as_admin() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        var setup = new SetupPage(page);
        await setup.WaitUntilShownAsync();

        await setup.CompleteAsync(Server.SetupState.Code, "First Admin", "first@portal.test", PortalServer.Password);

        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.SandboxBadge).ToBeVisibleAsync();
        await Expect(shell.Welcome).ToContainTextAsync("first@portal.test");
        await Expect(shell.NavLink("/staff")).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "shell-after-setup");
    });
}
