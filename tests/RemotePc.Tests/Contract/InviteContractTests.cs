using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

public sealed class InviteContractTests(ContractFixture fixture) : ContractTests(fixture)
{
    [Fact]
    public async Task Invite_is_INVITED_then_ALREADY_INVITED_and_the_invitee_is_not_yet_a_user()
    {
        var first = await Client.InviteAsync([new InvitationRequest("invitee" + Domain, 2)]);
        var second = await Client.InviteAsync([new InvitationRequest("invitee" + Domain, 2)]);

        Assert.Equal([new InvitationResult("invitee" + Domain, InvitationStatus.Invited, "INVITED")], first);
        Assert.Equal([new InvitationResult("invitee" + Domain, InvitationStatus.AlreadyInvited, "ALREADY_INVITED")], second);
        var list = await Client.ListUsersAsync();
        Assert.DoesNotContain(list.Users, u => u.Username == "invitee" + Domain);
        Assert.Equal(2, Control.ReceivedCount(SandboxEndpoint.Invite));
    }

    [Fact]
    public async Task Invite_of_an_existing_user_is_EXISTS()
    {
        var existing = SeededUser(1);

        var result = await Client.InviteAsync([new InvitationRequest(existing)]);

        Assert.Equal([new InvitationResult(existing, InvitationStatus.Exists, "EXISTS")], result);
        Assert.DoesNotContain(Control.PendingInvitations(), i => i.Email == existing);
    }

    [Fact]
    public async Task A_mixed_batch_answers_one_status_per_address_in_order()
    {
        var existing = SeededUser(2);
        await Client.InviteAsync([new InvitationRequest("pending" + Domain)]);

        var result = await Client.InviteAsync(
        [
            new InvitationRequest("pending" + Domain),
            new InvitationRequest(existing),
            new InvitationRequest("fresh" + Domain, 10),
        ]);

        Assert.Equal(
            [("pending" + Domain, InvitationStatus.AlreadyInvited), (existing, InvitationStatus.Exists), ("fresh" + Domain, InvitationStatus.Invited)],
            result.Select(r => (r.Username, r.Status)));
    }

    [Fact]
    public async Task An_accepted_invitation_is_listed_with_its_allocation_and_can_sign_in()
    {
        await Client.InviteAsync([new InvitationRequest("accepted" + Domain, 4)]);

        Assert.True(Control.AcceptInvitation("accepted" + Domain));

        var list = await Client.ListUsersAsync();
        var user = Assert.Single(list.Users, u => u.Username == "accepted" + Domain);
        Assert.Equal(4, user.AllottedComputers);
        Assert.True(user.IsActive);
        var link = await Client.SignInAsync("accepted" + Domain, SandboxControl.SeededUserPassword);
        Assert.True(link.IsAbsoluteUri);
    }

    [Fact]
    public async Task An_empty_batch_is_rejected_with_ENTER_VALID_EMAIL()
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => Client.InviteAsync([]));

        AssertApiError(error, 400, "BAD_REQUEST", "ENTER_VALID_EMAIL");
    }

    [Fact]
    public async Task An_undocumented_per_address_status_is_kept_verbatim_and_the_rest_are_processed()
    {
        var result = await Client.InviteAsync(
        [
            new InvitationRequest("not-an-address"),
            new InvitationRequest("negative" + Domain, -1),
            new InvitationRequest("good" + Domain),
        ]);

        Assert.Equal(
            [
                new InvitationResult("not-an-address", InvitationStatus.Unknown, "INVALID_EMAIL"),
                new InvitationResult("negative" + Domain, InvitationStatus.Unknown, "INVALID_ALLOTED_COMPUTERS"),
                new InvitationResult("good" + Domain, InvitationStatus.Invited, "INVITED"),
            ],
            result);
        Assert.Single(Control.PendingInvitations(), i => i.Email == "good" + Domain);
    }
}
