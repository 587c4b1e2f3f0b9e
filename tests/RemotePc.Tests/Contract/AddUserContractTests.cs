using System.Text.Json;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

public sealed class AddUserContractTests(ContractFixture fixture) : ContractTests(fixture)
{
    [Fact]
    public async Task Add_succeeds_and_the_new_user_is_listed()
    {
        await Client.AddUserAsync(NewUser("add-ok" + Domain, allotted: 3));

        var list = await Client.ListUsersAsync();
        var user = Assert.Single(list.Users, u => u.Username == "add-ok" + Domain);
        Assert.Equal(3, user.AllottedComputers);
        Assert.Equal(0, user.UtilizedComputers);
        Assert.True(user.IsActive);
        Assert.Equal(DateOnly.FromDateTime(Env.Sandbox.Time.GetUtcNow().UtcDateTime), user.Created);
        Assert.Equal(Control.UserCount, list.Users.Count);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.Add));
    }

    [Fact]
    public async Task Add_of_an_existing_user_is_EMAIL_EXISTS()
    {
        var existing = SeededUser(0);
        var before = Control.UserCount;

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(NewUser(existing)));

        AssertApiError(error, 400, "BAD_REQUEST", "EMAIL_EXISTS");
        Assert.Equal(before, Control.UserCount);
    }

    [Theory]
    [InlineData("", "Lovelace", "first" + Domain, Password, "FIRSTNAME_REQUIRED")]
    [InlineData("Ada", " ", "last" + Domain, Password, "LASTNAME_REQUIRED")]
    [InlineData("Ada", "Lovelace", "", Password, "EMAILID_REQUIRED")]
    [InlineData("Ada", "Lovelace", "not-an-address", Password, "ENTER_VALID_EMAIL")]
    [InlineData("Ada", "Lovelace", "pw-missing" + Domain, "", "PASSWORD_REQUIRED")]
    [InlineData("Ada", "Lovelace", "pw-short" + Domain, "short1", "INVALID_PASSWORD")]
    [InlineData("Ada", "Lovelace", "pw-nodigit" + Domain, "no-digits-here", "INVALID_PASSWORD")]
    public async Task Add_with_one_bad_field_names_it(string first, string last, string email, string password, string description)
    {
        var before = Control.UserCount;

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() =>
            Client.AddUserAsync(new NewResellerUser(first, last, email, password)));

        AssertApiError(error, 400, "BAD_REQUEST", description);
        Assert.False(error.IsKeyRejected || error.IsNotWhitelisted || error.IsUpstreamFailure);
        Assert.Equal(before, Control.UserCount);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.Add));
    }

    [Fact]
    public async Task Add_with_several_bad_fields_reports_all_of_them()
    {
        var bad = new NewResellerUser("", "", "not-an-address", "short");

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(bad));

        AssertApiError(error, 400, "BAD_REQUEST", "FIRSTNAME_REQUIRED", "LASTNAME_REQUIRED", "ENTER_VALID_EMAIL", "INVALID_PASSWORD");

        // The same body on the wire: errorsCount is what the client's Descriptions reflect.
        var json = JsonSerializer.Serialize(new { firstName = "", lastName = "", invitedUserEmailId = "not-an-address", password = "short", allotedComputers = 0 });
        using var raw = await Env.Sandbox.PostAsync("user/add", json);
        using var document = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());
        var errorsCount = document.RootElement.GetProperty("errorsCount").GetInt32();
        Assert.True(errorsCount > 1);
        Assert.Equal(errorsCount, error.Descriptions.Count);
    }

    [Fact]
    public async Task Add_with_every_field_blank_reports_the_required_ones()
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(new NewResellerUser("", "", "", "")));

        AssertApiError(error, 400, "BAD_REQUEST", "FIRSTNAME_REQUIRED", "LASTNAME_REQUIRED", "EMAILID_REQUIRED", "PASSWORD_REQUIRED");
    }

    [Fact]
    public async Task Add_with_a_negative_allocation_surfaces_the_undocumented_description_verbatim()
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(NewUser("negative" + Domain, allotted: -1)));

        AssertApiError(error, 400, "BAD_REQUEST", "INVALID_ALLOTED_COMPUTERS");
    }

    [Fact]
    public async Task Add_of_an_existing_user_in_other_letter_case_is_EMAIL_EXISTS()
    {
        await Client.AddUserAsync(NewUser("case.test" + Domain));

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(NewUser("Case.Test" + Domain.ToUpperInvariant())));

        AssertApiError(error, 400, "BAD_REQUEST", "EMAIL_EXISTS");
    }

    [Fact]
    public async Task An_address_with_plus_round_trips_through_add_list_and_sign_in()
    {
        var email = "ada+portal.tag" + Domain;
        await Client.AddUserAsync(NewUser(email, allotted: 1));

        var list = await Client.ListUsersAsync();
        Assert.Single(list.Users, u => u.Username == email);

        var link = await Client.SignInAsync(email, Password);
        using var browser = Env.Sandbox.CreateClient(key: null);
        using var page = await browser.GetAsync(link);
        Assert.Contains("signed in as " + email, System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_adds_of_one_address_create_it_once()
    {
        var email = "race" + Domain;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await Client.AddUserAsync(NewUser(email));
                return "SUCCESS";
            }
            catch (RemotePcApiException e)
            {
                return string.Join(",", e.Descriptions);
            }
        }));

        Assert.Single(outcomes, o => o == "SUCCESS");
        Assert.All(outcomes.Where(o => o != "SUCCESS"), o => Assert.Equal("EMAIL_EXISTS", o));
        Assert.Equal(8, Control.ReceivedCount(SandboxEndpoint.Add));
        Assert.Single((await Client.ListUsersAsync()).Users, u => u.Username == email);
    }
}
