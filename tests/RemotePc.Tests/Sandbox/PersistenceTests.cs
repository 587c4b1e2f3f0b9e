using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sandbox-tests-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "nested", "sandbox.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Key_users_invitations_and_account_settings_survive_a_restart()
    {
        await using (var first = await Start())
        {
            Assert.Equal(5, first.Control.UserCount);
            Assert.Equal(2, first.Control.PendingInvitations().Count);
            await first.AddUserAsync("kept@example.com", allotted: 7);
            using (await first.PostAsync("user/invite", """[{"invitedUserEmailId":"later@example.com","allotedComputers":3}]""")) { }
            first.Control.SetUtilization("kept@example.com", 2);
            first.Control.BlockIp("192.0.2.1");
            first.Control.SetParentSuspended(true);
            first.Control.SetApiKey("persisted-key");
        }

        await using var second = await Start();

        using var oldKey = await second.ListAsync();
        Assert.Equal(401, (int)oldKey.StatusCode);
        using var client = second.CreateClient("persisted-key");
        using var list = await second.ListAsync(client);
        Assert.Equal(200, (int)list.StatusCode);
        Assert.Contains("""{"alloted_computers":7,"created_date":"01-13-2023","isActive":true,"utilized_computers":2,"username":"kept@example.com"}""", await Json.BodyAsync(list));

        Assert.Equal(6, second.Control.UserCount); // not seeded again
        Assert.Equal(3, second.Control.PendingInvitations().Count);
        Assert.Equal(["192.0.2.1"], second.Control.BlockedIps());
        Assert.True(second.Control.IsParentSuspended);

        using var signin = await second.PostAsync("user/signin", Json.Signin("kept@example.com", "Passw0rd!"), client);
        await Json.AssertAsync(signin, 400, Json.BadRequest("ACTION_PARENT_ACCOUNT_SUSPENDED"));

        Assert.True(second.Control.AcceptInvitation("later@example.com"));
        await using (await Start()) { }
    }

    [Fact]
    public async Task Reset_and_reseed_replaces_everyone()
    {
        await using (var first = await Start())
        {
            await first.AddUserAsync("gone@example.com");
            Assert.Equal(3, first.Control.SeedUsers(3, reset: true));
        }

        await using var second = await Start();
        Assert.Equal(3, second.Control.UserCount);
        Assert.Null(second.Control.FindUser("gone@example.com"));
        Assert.Empty(second.Control.PendingInvitations());
    }

    private Task<SandboxTestHost> Start() => SandboxTestHost.StartAsync(o =>
    {
        o.DatabasePath = DatabasePath;
        o.SeedUsers = 5;
        o.SeedPendingInvitations = 2;
    });
}
