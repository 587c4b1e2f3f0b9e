using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>One server and one headless Chromium per test class; each test gets its own BrowserContext (cookies, storage).</summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    protected abstract bool BootstrapAdmin { get; }

    /// <summary>Extra configuration for this fixture's server; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public PortalServer Server { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server = new PortalServer(BootstrapAdmin, Settings);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // The system Chromium; `playwright install` is never run on this machine.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>A portal whose first Admin (<see cref="PortalServer.AdminEmail"/>) was created at start.</summary>
public sealed class PortalFixture : BrowserFixture
{
    protected override bool BootstrapAdmin => true;
}

/// <summary>A portal on its first run: no account yet, every page leads to /setup.</summary>
public sealed class FirstRunPortalFixture : BrowserFixture
{
    protected override bool BootstrapAdmin => false;
}
