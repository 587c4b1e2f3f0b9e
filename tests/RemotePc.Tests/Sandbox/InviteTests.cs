namespace RemotePc.Tests.Sandbox;

public sealed class InviteTests : IAsyncLifetime
{
    private SandboxTestHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxTestHost.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Answers_one_status_per_element_in_request_order()
    {
        await _sandbox.AddUserAsync("member@example.com");
        using (await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"early@example.com"}]""")) { }

        using var response = await _sandbox.PostAsync("user/invite", """
            [{"invitedUserEmailId":"early@example.com","allotedComputers":10},
             {"invitedUserEmailId":"member@example.com"},
             {"invitedUserEmailId":"fresh@example.com","allotedComputers":2}]
            """);

        await Json.AssertAsync(response, 200, """{"status":"OK","code":200,"message":[{"username":"early@example.com","status":"ALREADY_INVITED"},{"username":"member@example.com","status":"EXISTS"},{"username":"fresh@example.com","status":"INVITED"}]}""");
    }

    [Fact]
    public async Task Invited_address_is_pending_not_a_user_until_accepted_then_EXISTS()
    {
        using (var first = await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"Invitee@example.com","allotedComputers":4}]"""))
        {
            Assert.Contains("\"INVITED\"", await Json.BodyAsync(first));
        }

        using (var repeat = await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"invitee@EXAMPLE.com"}]"""))
        {
            Assert.Contains("\"ALREADY_INVITED\"", await Json.BodyAsync(repeat));
        }

        Assert.Null(_sandbox.Control.FindUser("invitee@example.com"));
        using (var list = await _sandbox.ListAsync())
        {
            Assert.DoesNotContain("invitee", await Json.BodyAsync(list), StringComparison.OrdinalIgnoreCase);
        }

        var pending = Assert.Single(_sandbox.Control.PendingInvitations());
        Assert.Equal(4, pending.AllottedComputers);

        Assert.True(_sandbox.Control.AcceptInvitation("invitee@example.com"));
        var user = _sandbox.Control.FindUser("invitee@example.com")!;
        Assert.Equal((4, 0, true), (user.AllottedComputers, user.UtilizedComputers, user.IsActive));
        Assert.Empty(_sandbox.Control.PendingInvitations());

        using var again = await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"invitee@example.com"}]""");
        await Json.AssertAsync(again, 200, """{"status":"OK","code":200,"message":[{"username":"invitee@example.com","status":"EXISTS"}]}""");
    }

    [Fact]
    public async Task Duplicate_inside_one_array_is_ALREADY_INVITED_the_second_time()
    {
        using var response = await _sandbox.PostAsync("user/invite", """[{"invitedUserEmailId":"twice@example.com"},{"invitedUserEmailId":"twice@example.com"}]""");

        Assert.Equal("""{"status":"OK","code":200,"message":[{"username":"twice@example.com","status":"INVITED"},{"username":"twice@example.com","status":"ALREADY_INVITED"}]}""", await Json.BodyAsync(response));
    }

    [Fact]
    public async Task Bad_element_gets_its_own_status_and_does_not_spoil_the_rest()
    {
        using var response = await _sandbox.PostAsync("user/invite", """
            [{"invitedUserEmailId":"broken"},{"allotedComputers":1},{"invitedUserEmailId":"neg@example.com","allotedComputers":-1},{"invitedUserEmailId":"ok@example.com"}]
            """);

        await Json.AssertAsync(response, 200, """{"status":"OK","code":200,"message":[{"username":"broken","status":"INVALID_EMAIL"},{"username":"","status":"INVALID_EMAIL"},{"username":"neg@example.com","status":"INVALID_ALLOTED_COMPUTERS"},{"username":"ok@example.com","status":"INVITED"}]}""");
        Assert.Single(_sandbox.Control.PendingInvitations());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"invitedUserEmailId":"object@example.com"}""")]
    public async Task Empty_or_non_array_body_is_rejected_as_a_whole(string body)
    {
        using var response = await _sandbox.PostAsync("user/invite", body);

        await Json.AssertAsync(response, 400, Json.BadRequest("ENTER_VALID_EMAIL"));
        Assert.Empty(_sandbox.Control.PendingInvitations());
    }

    [Fact]
    public async Task Unparsable_body_is_INVALID_JSON()
    {
        using var response = await _sandbox.PostAsync("user/invite", "[{");

        await Json.AssertAsync(response, 400, Json.BadRequest("INVALID_JSON"));
    }
}
