using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Features.Connection;
using Portal.Features.Staff;
using RemotePc.Sandbox;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Features;

/// <summary>Bulk invitations in a real browser against the embedded sandbox.</summary>
public sealed class InvitationsTests(PortalFixture fixture) : BrowserTest(fixture), IClassFixture<PortalFixture>
{
    [Fact]
    public Task Paste_preview_fix_drop_send_watch_retry_and_export() => InBrowserAsync(async page =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var lines = Enumerable.Range(1, 16).Select(i => $"user{i}-{tag}@e2e-invite.example,{i % 4}").ToList();
        lines.Add("not-an-address");                                  // line 17: invalid email, dropped
        lines.Add($"fixme-{tag}@e2e-invite.example;abc");             // line 18: invalid computers, fixed
        lines.Add($"USER1-{tag}@E2E-invite.example");                 // line 19: duplicate of line 1
        lines.Add($"user2-{tag}@e2e-invite.example\t5");              // line 20: duplicate of line 2
        var email = await Server.CreateStaffAsync(StaffRoles.Operator);
        await new LoginPage(page).SignInAsync(email, PortalServer.Password);
        var invitations = new InvitationsPage(page);
        await invitations.GotoAsync();

        await invitations.CheckPastedAsync(string.Join('\n', lines));

        await Expect(invitations.Count("Valid")).ToHaveAttributeAsync("data-count", "16");
        await Expect(invitations.Count("InvalidEmail")).ToHaveAttributeAsync("data-count", "1");
        await Expect(invitations.Count("InvalidComputers")).ToHaveAttributeAsync("data-count", "1");
        await Expect(invitations.Count("Duplicate")).ToHaveAttributeAsync("data-count", "2");

        await invitations.FixComputersAsync(18, "2");
        await Expect(invitations.Count("Valid")).ToHaveAttributeAsync("data-count", "17");
        await invitations.Drop(17).ClickAsync();
        await Expect(invitations.Count("InvalidEmail")).ToHaveAttributeAsync("data-count", "0");
        await Expect(invitations.Confirm).ToContainTextAsync("17");

        // RemotePC fails every call for now: the batch is retried with backoff, then its addresses end failed.
        var sandbox = Server.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;
        sandbox.InjectFault(SandboxEndpoint.Invite, new FaultSpec { Always = FaultKind.ServerError });
        await invitations.Confirm.ClickAsync();
        await page.WaitForURLAsync(new Regex("/invitations/[0-9a-f-]{36}$"));
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await Expect(invitations.JobSummary).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Expect(invitations.Filter("Failed")).ToHaveAttributeAsync("data-count", "17");

        sandbox.ClearFaults();
        await invitations.RetryFailed.ClickAsync();
        await Expect(invitations.JobSummary).ToHaveAttributeAsync("data-done", "17", new() { Timeout = 15_000 });
        await Expect(invitations.JobSummary).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(invitations.Filter("Invited")).ToHaveAttributeAsync("data-count", "17");
        await Expect(invitations.Filter("Failed")).ToHaveAttributeAsync("data-count", "0");

        await invitations.Filter("Invited").ClickAsync();
        await Expect(invitations.ResultRows).ToHaveCountAsync(17);
        await Expect(page.Locator($"[data-testid=job-result-row][data-email='fixme-{tag}@e2e-invite.example']")).ToHaveAttributeAsync("data-state", "Invited");

        var csv = await invitations.ExportAsync();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Email,Computers,Result", rows[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(18, rows.Length);
        Assert.All(rows.Skip(1), r => Assert.Contains(",INVITED,", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith($"fixme-{tag}@e2e-invite.example,2,", StringComparison.Ordinal));

        // Leaving and coming back: the job and its totals are in the database.
        await invitations.GotoAsync();
        await Expect(page.GetByTestId("invite-jobs")).ToContainTextAsync("17 / 17");
    });
}
