using RemotePc.Sandbox;

namespace RemotePc.Tests.Contract;

/// <summary>A sandbox whose whitelist does not contain loopback.</summary>
public sealed class NotWhitelistedFixture : IAsyncLifetime
{
    internal ContractEnvironment Env { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Env = await ContractEnvironment.StartAsync(options => options.AllowedIps = ["192.0.2.10"]);

    public async Task DisposeAsync() => await Env.DisposeAsync();
}

public sealed class NotWhitelistedContractTests : IClassFixture<NotWhitelistedFixture>
{
    private readonly ContractEnvironment _env;

    public NotWhitelistedContractTests(NotWhitelistedFixture fixture)
    {
        _env = fixture.Env;
        _env.Reset();
    }

    [Fact]
    public async Task List_from_an_ip_that_is_not_whitelisted_is_Forbidden_and_not_retried()
    {
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => _env.Client.ListUsersAsync());

        Assert.True(error.IsNotWhitelisted);
        Assert.False(error.IsKeyRejected || error.IsUpstreamFailure);
        ContractTests.AssertApiError(error, 403, "Forbidden", "Forbidden");
        Assert.Equal(1, _env.Control.ReceivedCount(SandboxEndpoint.List));
    }

    [Fact]
    public async Task Add_from_an_ip_that_is_not_whitelisted_is_Forbidden_even_with_a_wrong_key()
    {
        _env.Keys.Key = "wrong-key";

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() =>
            _env.Client.AddUserAsync(ContractTests.NewUser("refused" + ContractTests.Domain)));

        Assert.True(error.IsNotWhitelisted);
        ContractTests.AssertApiError(error, 403, "Forbidden", "Forbidden");
        Assert.Null(_env.Control.FindUser("refused" + ContractTests.Domain));
    }
}
