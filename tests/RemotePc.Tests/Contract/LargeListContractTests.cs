using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

/// <summary>A list big enough that the sandbox flushes it in many chunks and the client reads it across them.</summary>
public sealed class LargeListContractTests(ContractFixture fixture) : ContractTests(fixture)
{
    [Fact]
    public async Task A_streamed_list_of_thousands_matches_the_control_surface()
    {
        var total = Control.SeedUsers(5000);

        var list = await Client.ListUsersAsync();

        var expected = Control.Users()
            .Select(u => new ResellerUser(u.Username, u.AllottedComputers, u.UtilizedComputers, u.IsActive && !u.IsCancelled, u.CreatedDate))
            .ToList();
        Assert.Equal(total, list.Users.Count);
        Assert.Equal(expected, list.Users);
        Assert.Equal(0, list.MalformedRows);
        Assert.Equal(1, Control.ReceivedCount(SandboxEndpoint.List));
    }
}
