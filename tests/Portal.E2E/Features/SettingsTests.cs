using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Features.Connection;
using Portal.Features.Settings;
using RemotePc.Sandbox;
using static Microsoft.Playwright.Assertions;
using SettingsPage = Portal.E2E.Pages.SettingsPage;

namespace Portal.E2E.Features;

/// <summary>
/// Settings: the reseller key. The class has its own server (xunit builds one <see cref="PortalFixture"/> per class), so
/// changing the sandbox's key here never touches another class. Every test leaves the stored key equal to the sandbox's.
/// </summary>
public sealed class SettingsTests(PortalFixture fixture) : BrowserTest(fixture), IClassFixture<PortalFixture>
{
    private const string RejectedText = "RemotePC rejected the reseller API key";

    private SandboxControl Sandbox => Server.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;

    private async Task<SettingsPage> OpenAsAdminAsync(IPage page)
    {
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.Password);
        var settings = new SettingsPage(page);
        await settings.GotoAsync();
        return settings;
    }

    [Fact]
    public Task The_automatic_sandbox_key_shows_by_its_fingerprint_and_tests_green() => InBrowserAsync(async page =>
    {
        var settings = await OpenAsAdminAsync(page);

        await Expect(settings.Fingerprint).ToHaveTextAsync(ResellerKeyStore.Fingerprint(Sandbox.ApiKey));
        await Expect(page.GetByTestId("connection-mode")).ToHaveTextAsync("Sandbox (built-in emulator)");

        await settings.TestButton.ClickAsync();

        await Expect(settings.Snackbar.Filter(new() { HasTextRegex = new Regex(@"Connection works \(\d+ ms\)\.") })).ToBeVisibleAsync();
        await Expect(settings.TestOk).ToHaveTextAsync(new Regex(@"^\s*Passed in \d+ ms\s*$"));

        // For the screenshot: a fresh load, without the snackbar caught half-way through its fade-in.
        await settings.GotoAsync();
        await Expect(settings.TestOk).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "settings-light");
    });

    [Fact]
    public Task A_wrong_key_is_rejected_and_nothing_is_stored() => InBrowserAsync(async page =>
    {
        var settings = await OpenAsAdminAsync(page);
        var before = await settings.Fingerprint.TextContentAsync();
        var wrong = $"e2e-wrong-key-{Guid.NewGuid():N}";

        await settings.SubmitKeyAsync(wrong);

        await Expect(settings.TestError).ToContainTextAsync("The connection test failed:");
        await Expect(settings.TestError).ToContainTextAsync(RejectedText);
        // A rejected key cannot be stored "anyway": that choice is only for a whitelist or network problem.
        await Expect(settings.StoreAnyway).ToHaveCountAsync(0);
        await Expect(settings.Fingerprint).ToHaveTextAsync(before!);
        Assert.Equal(before, (await GetStatusAsync()).Fingerprint);
        Assert.DoesNotContain(wrong, await page.ContentAsync());
        Assert.Equal(string.Empty, await settings.KeyInput.InputValueAsync());
    });

    [Fact]
    public Task The_sandbox_s_new_key_replaces_the_stored_one_and_is_never_shown() => InBrowserAsync(async page =>
    {
        var settings = await OpenAsAdminAsync(page);
        var before = await settings.Fingerprint.TextContentAsync();
        var key = $"e2e-new-key-{Guid.NewGuid():N}";
        Sandbox.SetApiKey(key);

        // The stored key is stale now: Test connection says so.
        await settings.TestButton.ClickAsync();
        await Expect(settings.TestFailed).ToBeVisibleAsync();
        await Expect(page.GetByTestId("key-last-test")).ToContainTextAsync(RejectedText);

        await settings.SubmitKeyAsync(key);

        await Expect(settings.KeyInput).ToHaveCountAsync(0);   // the form closes once the key is stored
        await Expect(settings.Fingerprint).Not.ToHaveTextAsync(before!);
        // The fingerprint is "…{last 4} · {8 hex of SHA-256}": recognisable, useless as a key.
        await Expect(settings.Fingerprint).ToHaveTextAsync(new Regex("^…" + Regex.Escape(key[^4..]) + " · [0-9a-f]{8}$"));
        await Expect(settings.TestOk).ToHaveTextAsync(new Regex(@"^\s*Passed in \d+ ms\s*$"));
        await Expect(settings.Snackbar.Filter(new() { HasText = "Key saved. The connection test passed." })).ToBeVisibleAsync();
        Assert.DoesNotContain(key, await page.ContentAsync());

        await settings.TestButton.ClickAsync();
        await Expect(settings.Snackbar.Filter(new() { HasTextRegex = new Regex(@"Connection works \(\d+ ms\)\.") })).ToBeVisibleAsync();
        await Expect(settings.TestOk).ToBeVisibleAsync();
        Assert.DoesNotContain(key, await page.ContentAsync());
        Assert.Equal(ResellerKeyStore.Fingerprint(key), (await GetStatusAsync()).Fingerprint);
    });

    private async Task<ResellerKeyStatus> GetStatusAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ResellerKeyService>().GetStatusAsync();
    }
}
