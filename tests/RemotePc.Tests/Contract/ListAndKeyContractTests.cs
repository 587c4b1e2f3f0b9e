using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

/// <summary>The list against the control surface, and what the key does on every call. No test here adds users.</summary>
public sealed class ListAndKeyContractTests(ContractFixture fixture) : ContractTests(fixture)
{
    [Fact]
    public async Task List_matches_the_control_surface_row_for_row()
    {
        // Vary the rows beyond the seed: over-allocation, an inactive and a cancelled user.
        Assert.True(Control.SetUtilization(SeededUser(3), utilized: 7, allotted: 2));
        Assert.True(Control.SetActive(SeededUser(4), false));
        Assert.True(Control.CancelAccount(SeededUser(5)));

        var list = await Client.ListUsersAsync();

        var expected = Control.Users()
            .Select(u => new ResellerUser(u.Username, u.AllottedComputers, u.UtilizedComputers, u.IsActive && !u.IsCancelled, u.CreatedDate))
            .ToList();
        Assert.Equal(ContractEnvironment.SeededUsers, list.Users.Count);
        Assert.Equal(expected, list.Users);
        Assert.Equal(0, list.MalformedRows);
        Assert.Contains(list.Users, u => u.Username == SeededUser(3) && u.UtilizedComputers == 7 && u.AllottedComputers == 2);
        Assert.False(list.Users.Single(u => u.Username == SeededUser(4)).IsActive);
        Assert.False(list.Users.Single(u => u.Username == SeededUser(5)).IsActive);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task List_with_a_wrong_key_is_UNAUTHORIZED_ACCESS_and_not_retried()
    {
        Env.Keys.Key = "wrong-key";

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.ListUsersAsync());

        Assert.True(error.IsKeyRejected);
        AssertApiError(error, 401, "UNAUTHORIZED", "UNAUTHORIZED_ACCESS");
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task Add_with_a_wrong_key_is_NOT_AUTHORIZED_and_creates_nothing()
    {
        Env.Keys.Key = "wrong-key";
        var before = Control.UserCount;

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.AddUserAsync(NewUser("wrong-key" + Domain)));

        Assert.True(error.IsKeyRejected);
        AssertApiError(error, 401, "UNAUTHORIZED", "NOT_AUTHORIZED");
        Assert.Equal(before, Control.UserCount);
    }

    [Fact]
    public async Task Invite_and_sign_in_with_a_wrong_key_are_NOT_AUTHORIZED()
    {
        Env.Keys.Key = "wrong-key";

        var invite = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.InviteAsync([new InvitationRequest("wrong-key" + Domain)]));
        var signin = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.SignInAsync(SeededUser(0), SandboxControl.SeededUserPassword));

        AssertApiError(invite, 401, "UNAUTHORIZED", "NOT_AUTHORIZED");
        AssertApiError(signin, 401, "UNAUTHORIZED", "NOT_AUTHORIZED");
        Assert.Empty(Control.PendingInvitations());
    }

    [Fact]
    public async Task A_key_changed_upstream_is_rejected_until_the_key_store_has_the_new_one()
    {
        Control.SetApiKey("rotated-key");

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.ListUsersAsync());
        Assert.True(error.IsKeyRejected);

        Env.Keys.Key = "  rotated-key  ";
        var list = await Client.ListUsersAsync();
        Assert.Equal(ContractEnvironment.SeededUsers, list.Users.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_missing_key_sends_nothing(string? key)
    {
        Env.Keys.Key = key;

        await Assert.ThrowsAsync<RemotePcKeyMissingException>(() => Client.ListUsersAsync());
        await Assert.ThrowsAsync<RemotePcKeyMissingException>(() => Client.AddUserAsync(NewUser("no-key" + Domain)));
        await Assert.ThrowsAsync<RemotePcKeyMissingException>(() => Client.InviteAsync([new InvitationRequest("no-key" + Domain)]));
        await Assert.ThrowsAsync<RemotePcKeyMissingException>(() => Client.SignInAsync(SeededUser(0), SandboxControl.SeededUserPassword));

        Assert.Equal(0, Control.ReceivedCount(SandboxEndpoint.All));
    }
}
