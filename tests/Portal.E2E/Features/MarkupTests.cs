using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Staff;
using Portal.Features.Users;
using RemotePc.Sandbox;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Features;

/// <summary>
/// Issue 7 / checklist 14: text people type (a staff display name, a sign-in-as reason) that contains markup is shown as
/// text, never parsed into elements or run. The page's CSP would also stop an inline onerror handler, so the proof does
/// not rest on the dialog alone: no &lt;img src=x&gt; may exist in the DOM, and the literal text must be visible.
/// </summary>
public sealed class MarkupTests(PortalFixture fixture) : BrowserTest(fixture), IClassFixture<PortalFixture>
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public Task Markup_in_a_display_name_and_a_sign_in_reason_renders_as_text() => InBrowserAsync(async page =>
    {
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        // An Admin whose display name is markup (shown in the user menu and on the Staff accounts page).
        var email = $"markup-{Guid.NewGuid():N}@portal.test";
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<StaffAccountService>().CreateAsync(email, Markup, StaffRoles.Admin, PortalServer.Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
            Server.SetupState.MarkComplete();

            // A sign-in-as with the markup as its reason, through the service the dialog and the API use; the reason lands in the audit trail.
            var sandbox = Server.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;
            var customer = sandbox.Users().First(u => u.IsActive && !u.IsCancelled).Username;
            var outcome = await scope.ServiceProvider.GetRequiredService<SignInAsService>()
                .SignInAsync(customer, SandboxControl.SeededUserPassword, Markup, new AuditActor(email, AuditActorKind.Staff, "127.0.0.1"));
            Assert.NotNull(outcome.Link);
        }

        await new LoginPage(page).SignInAsync(email, PortalServer.Password);
        var shell = new ShellPage(page);

        await shell.GotoAsync("/staff");
        var staffGrid = page.GetByTestId("staff-grid");
        await Expect(staffGrid.GetByText(Markup, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);

        await shell.GotoAsync("/audit");
        var auditGrid = page.GetByTestId("audit-grid");
        await Expect(auditGrid.GetByText($"reason: {Markup}", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);

        // The shell's user menu shows the name too: still text.
        await Expect(page.Locator("img[onerror]")).ToHaveCountAsync(0);
        Assert.Empty(dialogs);
    });
}
