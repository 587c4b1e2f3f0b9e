using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

public sealed class AddUserTests : IAsyncLifetime
{
    private SandboxTestHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxTestHost.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Add_answers_the_spec_success_envelope_and_creates_an_active_user_today()
    {
        using var response = await _sandbox.PostAsync("user/add", Json.Add("new.user@example.com", allotted: 3));

        await Json.AssertAsync(response, 200, """{"status":"OK","code":200,"message":"SUCCESS"}""");
        var user = _sandbox.Control.FindUser("NEW.USER@example.com");
        Assert.NotNull(user);
        Assert.Equal(3, user.AllottedComputers);
        Assert.Equal(0, user.UtilizedComputers);
        Assert.True(user.IsActive);
        Assert.Equal(new DateOnly(2023, 1, 13), user.CreatedDate);
    }

    [Fact]
    public async Task Optional_fields_may_be_omitted()
    {
        using var response = await _sandbox.PostAsync("user/add", """{"firstName":"a","lastName":"b","invitedUserEmailId":"min@example.com","password":"abcdefg1"}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, _sandbox.Control.FindUser("min@example.com")!.AllottedComputers);
    }

    [Theory]
    [InlineData("""{"lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1"}""", "FIRSTNAME_REQUIRED")]
    [InlineData("""{"firstName":"  ","lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1"}""", "FIRSTNAME_REQUIRED")]
    [InlineData("""{"firstName":"a","invitedUserEmailId":"x@example.com","password":"abcdefg1"}""", "LASTNAME_REQUIRED")]
    [InlineData("""{"firstName":"a","lastName":"b","password":"abcdefg1"}""", "EMAILID_REQUIRED")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"","password":"abcdefg1"}""", "EMAILID_REQUIRED")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"not-an-address","password":"abcdefg1"}""", "ENTER_VALID_EMAIL")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@nodot","password":"abcdefg1"}""", "ENTER_VALID_EMAIL")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com"}""", "PASSWORD_REQUIRED")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":""}""", "PASSWORD_REQUIRED")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"short1"}""", "INVALID_PASSWORD")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"onlyletters"}""", "INVALID_PASSWORD")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"1234567890"}""", "INVALID_PASSWORD")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1","allotedComputers":-1}""", "INVALID_ALLOTED_COMPUTERS")]
    public async Task Each_validation_has_its_description(string body, string description)
    {
        using var response = await _sandbox.PostAsync("user/add", body);

        await Json.AssertAsync(response, 400, Json.BadRequest(description));
        Assert.Null(_sandbox.Control.FindUser("x@example.com"));
    }

    [Fact]
    public async Task Password_longer_than_the_rule_is_invalid()
    {
        using var response = await _sandbox.PostAsync("user/add", Json.Add("long@example.com", new string('a', 64) + "1"));

        await Json.AssertAsync(response, 400, Json.BadRequest("INVALID_PASSWORD"));
    }

    [Fact]
    public async Task All_errors_are_reported_at_once_in_spec_order()
    {
        using var response = await _sandbox.PostAsync("user/add", """{"invitedUserEmailId":"nope","password":"x","allotedComputers":-5}""");

        await Json.AssertAsync(response, 400, Json.BadRequest("FIRSTNAME_REQUIRED", "LASTNAME_REQUIRED", "ENTER_VALID_EMAIL", "INVALID_PASSWORD", "INVALID_ALLOTED_COMPUTERS"));
    }

    [Fact]
    public async Task Empty_object_reports_every_required_field()
    {
        using var response = await _sandbox.PostAsync("user/add", "{}");

        await Json.AssertAsync(response, 400, Json.BadRequest("FIRSTNAME_REQUIRED", "LASTNAME_REQUIRED", "EMAILID_REQUIRED", "PASSWORD_REQUIRED"));
    }

    [Fact]
    public async Task Existing_address_is_EMAIL_EXISTS_case_insensitively()
    {
        await _sandbox.AddUserAsync("taken@example.com");

        using var response = await _sandbox.PostAsync("user/add", Json.Add("TAKEN@Example.COM"));

        await Json.AssertAsync(response, 400, Json.BadRequest("EMAIL_EXISTS"));
    }

    [Fact]
    public async Task Pending_invitation_does_not_block_adding_and_is_superseded()
    {
        using (await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"pending@example.com"}]""")) { }

        await _sandbox.AddUserAsync("pending@example.com");

        Assert.DoesNotContain(_sandbox.Control.PendingInvitations(), i => i.Email == "pending@example.com");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"firstName":1,"lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1"}""")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1","allotedComputers":"3"}""")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1","allotedComputers":1.5}""")]
    [InlineData("""{"firstName":"a","lastName":"b","invitedUserEmailId":"x@example.com","password":"abcdefg1","sendEmailToUser":"yes"}""")]
    public async Task Malformed_bodies_are_INVALID_JSON(string body)
    {
        using var response = await _sandbox.PostAsync("user/add", body);

        await Json.AssertAsync(response, 400, Json.BadRequest("INVALID_JSON"));
    }

    [Fact]
    public async Task Wrong_content_type_is_rejected_in_the_same_envelope()
    {
        using var response = await _sandbox.Http.PostAsync("user/add", new StringContent(Json.Add("ct@example.com"), System.Text.Encoding.UTF8, "text/plain"));

        await Json.AssertAsync(response, 400, Json.BadRequest("INVALID_CONTENT_TYPE"));
    }

    [Fact]
    public async Task Other_methods_get_405_in_the_envelope()
    {
        using var response = await _sandbox.Http.GetAsync("user/add");

        await Json.AssertAsync(response, 405, Json.Error(405, "METHOD_NOT_ALLOWED", "METHOD_NOT_ALLOWED"));
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Password_rule_comes_from_the_options()
    {
        await using var relaxed = await SandboxTestHost.StartAsync(o => o.PasswordRule = new PasswordRuleOptions { MinLength = 3, RequireDigit = false });

        using var response = await relaxed.PostAsync("user/add", Json.Add("relaxed@example.com", "abc"));

        Assert.Equal(200, (int)response.StatusCode);
    }
}
