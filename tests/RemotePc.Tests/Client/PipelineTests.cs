using System.Net;
using System.Net.Sockets;

namespace RemotePc.Tests.Client;

public sealed class PipelineTests
{
    private static readonly NewResellerUser NewUser = new("Ada", "Lovelace", "[email protected]", "s3cret-Passw0rd");

    [Fact]
    public async Task Add_under_503_is_sent_once_and_reports_the_upstream_failure()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) =>
            FakeRemotePcServer.Json(context, 503, "<html>Service Unavailable</html>"));
        await using var host = new ClientHost(server.BaseUrl);

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => host.Client.AddUserAsync(NewUser));

        Assert.Equal(1, server.Count("user/add"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsUpstreamFailure);
        Assert.Empty(error.Descriptions);
    }

    [Fact]
    public async Task Add_on_a_dropped_connection_is_sent_once_and_its_outcome_is_unknown()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Drop(context));
        await using var host = new ClientHost(server.BaseUrl);

        var error = await Assert.ThrowsAsync<RemotePcTransportException>(() => host.Client.AddUserAsync(NewUser));

        Assert.Equal(1, server.Count("user/add"));
        Assert.Equal(TransportFailureKind.ConnectionDropped, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Add_hanging_past_the_attempt_timeout_is_sent_once_and_its_outcome_is_unknown()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Hang(context));
        await using var host = new ClientHost(server.BaseUrl, configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RemotePcTransportException>(() => host.Client.AddUserAsync(NewUser));

        Assert.Equal(1, server.Count("user/add"));
        Assert.Equal(TransportFailureKind.Timeout, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Theory]
    [InlineData("user/invite")]
    [InlineData("user/signin")]
    public async Task Invite_and_sign_in_are_never_retried(string operation)
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Json(context, 500, Samples.ServerError));
        await using var host = new ClientHost(server.BaseUrl);

        Task call = operation == "user/invite"
            ? host.Client.InviteAsync([new InvitationRequest("[email protected]")])
            : host.Client.SignInAsync("[email protected]", "pw");
        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => call);

        Assert.Equal(1, server.Count(operation));
        Assert.Equal("INTERNAL_SERVER_ERROR", error.Status);
    }

    [Fact]
    public async Task List_succeeds_through_two_500s()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, attempt, context) => attempt <= 2
            ? FakeRemotePcServer.Json(context, 500, Samples.ServerError)
            : FakeRemotePcServer.Json(context, 200, Samples.ListSuccess));
        await using var host = new ClientHost(server.BaseUrl);

        var result = await host.Client.ListUsersAsync();

        Assert.Equal(3, server.Count("user/list"));
        Assert.Equal(2, result.Users.Count);
    }

    [Fact]
    public async Task List_gives_up_after_the_configured_retries()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Json(context, 503, ""));
        await using var host = new ClientHost(server.BaseUrl, configure: o => o.ListRetries = 2);

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => host.Client.ListUsersAsync());

        Assert.Equal(3, server.Count("user/list"));
        Assert.True(error.IsUpstreamFailure);
    }

    [Fact]
    public async Task List_is_not_retried_on_a_client_error()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) =>
            FakeRemotePcServer.Json(context, 401, """{ "status": "UNAUTHORIZED", "code": 401, "errorsCount": 1, "errors": [{ "description": "UNAUTHORIZED_ACCESS" }] }"""));
        await using var host = new ClientHost(server.BaseUrl);

        var error = await Assert.ThrowsAsync<RemotePcApiException>(() => host.Client.ListUsersAsync());

        Assert.Equal(1, server.Count("user/list"));
        Assert.True(error.IsKeyRejected);
        Assert.True(error.Has("UNAUTHORIZED_ACCESS"));
    }

    [Fact]
    public async Task List_hanging_past_the_total_timeout_is_a_timeout()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Hang(context));
        await using var host = new ClientHost(server.BaseUrl, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.ListTotalTimeout = TimeSpan.FromMilliseconds(300);
        });

        var error = await Assert.ThrowsAsync<RemotePcTransportException>(() => host.Client.ListUsersAsync());

        Assert.Equal(TransportFailureKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task A_refused_connection_means_nothing_was_sent()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = new ClientHost(new Uri($"http://127.0.0.1:{port}/rpc-api/reseller/private/"));

        var error = await Assert.ThrowsAsync<RemotePcTransportException>(() => host.Client.AddUserAsync(NewUser));

        Assert.Equal(TransportFailureKind.ConnectionFailed, error.Kind);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_missing_key_sends_nothing()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Json(context, 200, Samples.AddSuccess));
        await using var host = new ClientHost(server.BaseUrl, key: "  ");

        await Assert.ThrowsAsync<RemotePcKeyMissingException>(() => host.Client.AddUserAsync(NewUser));
        await Assert.ThrowsAsync<RemotePcKeyMissingException>(() => host.Client.ListUsersAsync());

        Assert.Equal(0, server.Count("user/add") + server.Count("user/list"));
    }

    [Fact]
    public async Task The_caller_cancelling_stays_a_cancellation()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Hang(context));
        await using var host = new ClientHost(server.BaseUrl);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.ListUsersAsync(cancel.Token));
    }
}
