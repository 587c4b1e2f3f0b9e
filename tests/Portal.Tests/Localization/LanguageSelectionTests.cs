using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;

namespace Portal.Tests.Localization;

/// <summary>
/// Which language a person gets: the browser's Accept-Language until they pick one in the app bar, then the one their
/// account remembers, on any browser. The APIs answer English whatever the caller's language.
/// </summary>
public sealed class LanguageSelectionTests(SecurityFactory factory) : IClassFixture<SecurityFactory>
{
    private const string CultureCookie = ".AspNetCore.Culture";

    private HttpClient Browser(string acceptLanguage)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email) =>
        await client.PostFormAsync("/account/login", "login", LoginForm.Fields(email, SecurityFactory.Password));

    private static async Task<string> HeadingAsync(HttpClient client, string path)
    {
        using var page = await client.GetAsync(path);
        return (await page.ReadHtmlAsync()).QuerySelector("h1")!.TextContent.Trim();
    }

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.5", "Anmelden", "Übersicht")]
    [InlineData("en-US,en;q=0.9", "Sign in", "Dashboard")]
    [InlineData("fr-FR", "Sign in", "Dashboard")]
    public async Task Without_a_remembered_language_the_browsers_Accept_Language_decides(string acceptLanguage, string login, string dashboard)
    {
        var email = await factory.CreateStaffAsync(StaffRoles.Viewer);
        var client = Browser(acceptLanguage);

        Assert.Equal(login, await HeadingAsync(client, "/account/login"));
        using var signIn = await SignInAsync(client, email);

        Assert.DoesNotContain(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(CultureCookie, StringComparison.Ordinal));
        Assert.Equal(dashboard, await HeadingAsync(client, "/"));
    }

    [Fact]
    public async Task A_language_picked_in_the_app_bar_is_remembered_on_the_account_and_set_again_at_the_next_sign_in()
    {
        var email = await factory.CreateStaffAsync(StaffRoles.Viewer);
        var first = Browser("en-US");
        (await SignInAsync(first, email)).Dispose();

        using var pick = await first.GetAsync("/culture/set?culture=de&redirectUri=%2Fusers");

        Assert.Equal("/users", pick.Headers.Location?.OriginalString);
        Assert.Equal("Benutzer", await HeadingAsync(first, "/users"));
        await using (var db = factory.CreateDb())
        {
            Assert.Equal("de", await db.Users.Where(u => u.Email == email).Select(u => u.PreferredCulture).SingleAsync());
        }

        // Another browser that asks for English: the account's German wins from the sign-in on.
        var second = Browser("en-US,en;q=0.9");
        using var signIn = await SignInAsync(second, email);

        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CultureCookie}=c%3Dde%7Cuic%3Dde", StringComparison.Ordinal));
        Assert.Equal("Übersicht", await HeadingAsync(second, "/"));
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9", "en-GB")]
    [InlineData("en-US,en;q=0.9", "en-US")]
    [InlineData("en-GB;q=0.5,en-US", "en-US")]
    [InlineData("de-CH,de;q=0.9", "de-CH")]
    public async Task The_browsers_region_sets_how_dates_are_written_in_its_language(string acceptLanguage, string region)
    {
        var email = await factory.CreateStaffAsync(StaffRoles.Admin);
        var client = Browser(acceptLanguage);
        (await SignInAsync(client, email)).Dispose();
        DateTimeOffset created;
        await using (var db = factory.CreateDb())
        {
            created = await db.Users.Where(u => u.Email == email).Select(u => u.CreatedUtc).SingleAsync();
        }

        using var staff = await client.GetAsync("/staff");

        var row = (await staff.ReadHtmlAsync()).QuerySelectorAll("tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains(created.UtcDateTime.ToString("d", System.Globalization.CultureInfo.GetCultureInfo(region)), row.TextContent);
    }

    [Fact]
    public async Task Picking_a_language_keeps_the_browsers_region_of_it_for_dates_and_numbers()
    {
        var email = await factory.CreateStaffAsync(StaffRoles.Viewer);
        var client = Browser("en-GB,en;q=0.9,de;q=0.5");
        (await SignInAsync(client, email)).Dispose();

        using var english = await client.GetAsync("/culture/set?culture=en&redirectUri=%2F");
        using var german = await client.GetAsync("/culture/set?culture=de&redirectUri=%2F");

        Assert.Contains(english.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CultureCookie}=c%3Den-GB%7Cuic%3Den;", StringComparison.Ordinal));
        Assert.Contains(german.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CultureCookie}=c%3Dde%7Cuic%3Dde;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsupported_language_is_neither_set_nor_remembered()
    {
        var email = await factory.CreateStaffAsync(StaffRoles.Viewer);
        var client = Browser("en-US");
        (await SignInAsync(client, email)).Dispose();

        using var pick = await client.GetAsync("/culture/set?culture=fr&redirectUri=%2F");

        Assert.False(pick.Headers.TryGetValues("Set-Cookie", out _));
        await using var db = factory.CreateDb();
        Assert.Null(await db.Users.Where(u => u.Email == email).Select(u => u.PreferredCulture).SingleAsync());
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task A_link_from_another_site_changes_neither_the_cookie_nor_the_account(string fetchSite)
    {
        var email = await factory.CreateStaffAsync(StaffRoles.Viewer);
        var client = Browser("en-US");
        (await SignInAsync(client, email)).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/culture/set?culture=de&redirectUri=%2F");
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        using var pick = await client.SendAsync(request);

        Assert.Equal("/", pick.Headers.Location?.OriginalString);
        Assert.False(pick.Headers.TryGetValues("Set-Cookie", out _));
        await using var db = factory.CreateDb();
        Assert.Null(await db.Users.Where(u => u.Email == email).Select(u => u.PreferredCulture).SingleAsync());
    }

    [Fact]
    public async Task The_integration_API_answers_English_to_a_German_browser()
    {
        var user = await factory.CreateApiUserAsync(isAdmin: false, prefix: "lang");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reseller/users")
        {
            Content = JsonContent.Create(new { firstName = "", lastName = "Lovelace", email = "ada@example.com", password = "Analytical1", allottedComputers = 1 }),
        };
        request.Headers.AcceptLanguage.ParseAdd("de-DE");
        request.Headers.Add("Cookie", $"{CultureCookie}=c%3Dde%7Cuic%3Dde");
        user.ApplyIntegration(request);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual("de", response.Content.Headers.ContentLanguage.SingleOrDefault());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Enter the first name.", problem.GetProperty("errors").GetProperty("firstName")[0].GetString());
    }

    [Fact]
    public async Task The_admin_API_answers_English_to_a_German_browser()
    {
        var admin = await factory.CreateApiUserAsync(isAdmin: true, prefix: "langadmin");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/no-such-apikey");
        request.Headers.AcceptLanguage.ParseAdd("de-DE");
        request.Headers.Add("Cookie", $"{CultureCookie}=c%3Dde%7Cuic%3Dde");
        admin.ApplyAdmin(request);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("de", response.Content.Headers.ContentLanguage.SingleOrDefault());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Not found", problem.GetProperty("title").GetString());
    }
}
