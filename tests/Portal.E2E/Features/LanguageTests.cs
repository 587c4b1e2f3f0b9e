using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.E2E.Pages;
using Portal.Features.Staff;
using Portal.Features.Users;
using static Microsoft.Playwright.Assertions;
using UsersPage = Portal.E2E.Pages.UsersPage;

namespace Portal.E2E.Features;

/// <summary>Switching to German in the app bar, in a real browser whose own language is English.</summary>
public sealed class LanguageTests(PortalFixture fixture) : BrowserTest(fixture), IClassFixture<PortalFixture>
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    [Fact]
    public Task Switching_to_German_translates_the_users_page_its_validation_and_dates_and_the_account_remembers_it() => InBrowserAsync(async page =>
    {
        var email = await Server.CreateStaffAsync(StaffRoles.Operator);
        var shell = await new LoginPage(page).SignInAsync(email, PortalServer.Password);
        var users = new UsersPage(page);
        await users.GotoAsync();
        await Expect(shell.Heading).ToHaveTextAsync("Users");

        await shell.SwitchLanguageAsync("Deutsch");

        Assert.EndsWith("/users", page.Url, StringComparison.Ordinal);
        await Expect(shell.Heading).ToHaveTextAsync("Benutzer");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await users.WaitForRowsAsync();

        // A filter entry that cannot be read is named in German.
        var min = page.GetByTestId("filter-amin");
        await min.FillAsync("-1");
        await min.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "„-1“ ist keine ganze Zahl ab 0." })).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "LanguageTests.users-filters-in-German");

        // A date: the sandbox sends created_date as MM-dd-yyyy; the first row shows it the German way.
        var firstEmail = (await users.EmailsAsync())[0];
        var created = Server.Services.GetRequiredService<ResellerUserCache>().Status.Snapshot!.Users.Single(u => u.Username == firstEmail).Created;
        Assert.NotNull(created);
        var firstRow = users.Grid.Locator("tbody tr").First;
        await Expect(firstRow).ToContainTextAsync(created.Value.ToString("d", German));
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}$", created.Value.ToString("d", German));

        // A validation message: the add-user dialog sent empty.
        await users.AddButton.ClickAsync();
        await users.AddSubmit.WaitForAsync();
        await users.AddSubmit.ClickAsync();
        await Expect(users.FieldError("add-email")).ToHaveTextAsync("Geben Sie eine E-Mail-Adresse ein.");
        await Expect(users.FieldError("add-first")).ToHaveTextAsync("Geben Sie den Vornamen ein.");
        await SaveScreenshotAsync(page, "LanguageTests.users-page-in-German");

        // The account remembers German: a fresh English browser gets it from the sign-in on.
        await using var other = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl, Locale = "en-US" });
        var second = await other.NewPageAsync();
        var secondShell = await new LoginPage(second).SignInAsync(email, PortalServer.Password);
        await Expect(secondShell.Heading).ToHaveTextAsync("Übersicht");
    });
}
