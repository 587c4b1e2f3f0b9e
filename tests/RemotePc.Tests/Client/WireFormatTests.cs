using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RemotePc.Wire;

namespace RemotePc.Tests.Client;

public sealed class WireFormatTests
{
    [Fact]
    public async Task Add_sends_the_wire_spelling_and_omits_an_unset_email_flag()
    {
        string? body = null, contentType = null;
        await using var server = await FakeRemotePcServer.StartAsync(async (_, _, context) =>
        {
            contentType = context.Request.ContentType;
            body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await FakeRemotePcServer.Json(context, 200, Samples.AddSuccess);
        });
        await using var host = new ClientHost(server.BaseUrl);

        await host.Client.AddUserAsync(new NewResellerUser("Ada", "Lovelace", "[email protected]", "pw") { AllottedComputers = 2 });

        using var json = JsonDocument.Parse(body!);
        var root = json.RootElement;
        Assert.StartsWith("application/json", contentType);
        Assert.Equal("[email protected]", root.GetProperty("invitedUserEmailId").GetString());
        Assert.Equal(2, root.GetProperty("allotedComputers").GetInt32());
        Assert.Equal("Ada", root.GetProperty("firstName").GetString());
        Assert.False(root.TryGetProperty("sendEmailToUser", out _));
        Assert.Equal($"Bearer {ClientHost.CanaryKey}", Assert.Single(server.Authorizations));
    }

    [Fact]
    public async Task Invite_sends_an_array_and_reads_every_status_including_unknown_ones()
    {
        string? body = null;
        const string response = """
            { "status": "OK", "code": 200, "extra": 1, "message": [
              { "username": "[email protected]", "status": "ALREADY_INVITED" },
              { "username": "[email protected]", "status": "EXISTS" },
              { "username": "[email protected]", "status": "INVITED" },
              { "username": "[email protected]", "status": "SOMETHING_NEW" },
              { "username": "[email protected]" } ] }
            """;
        await using var server = await FakeRemotePcServer.StartAsync(async (_, _, context) =>
        {
            body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await FakeRemotePcServer.Json(context, 200, response);
        });
        await using var host = new ClientHost(server.BaseUrl);

        var results = await host.Client.InviteAsync([new("[email protected]", 10), new("[email protected]")]);

        Assert.Equal("""[{"invitedUserEmailId":"[email protected]","allotedComputers":10},{"invitedUserEmailId":"[email protected]","allotedComputers":0}]""", body);
        Assert.Equal(
            [InvitationStatus.AlreadyInvited, InvitationStatus.Exists, InvitationStatus.Invited, InvitationStatus.Unknown, InvitationStatus.Unknown],
            results.Select(r => r.Status));
        Assert.Equal("SOMETHING_NEW", results[3].RawStatus);
        Assert.Equal("[email protected]", results[0].Username);
    }

    [Fact]
    public async Task Sign_in_returns_the_redirect_link()
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Json(context, 200, Samples.SignInSuccess));
        await using var host = new ClientHost(server.BaseUrl);

        var link = await host.Client.SignInAsync("username", "password");

        Assert.Equal("https://login.remotepc.com/rpcnew/process/autologin/eyJhbGciOiJIUzUxMiJ9", link.AbsoluteUri);
    }

    [Theory]
    [InlineData("""{ "status": "OK", "code": 200, "message": "SUCCESS" }""")]
    [InlineData("""{ "status": "OK", "code": 200, "message": { "rpc_redirect_link": "not a url" } }""")]
    [InlineData("""<html>oops</html>""")]
    public async Task An_unreadable_sign_in_success_is_a_format_error(string response)
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Json(context, 200, response));
        await using var host = new ClientHost(server.BaseUrl);

        var error = await Assert.ThrowsAsync<RemotePcResponseFormatException>(() => host.Client.SignInAsync("u", "p"));

        Assert.Equal("user/signin", error.Operation);
    }

    [Fact]
    public async Task List_reads_the_spec_example()
    {
        var result = await Read(Samples.ListSuccess);

        Assert.Equal(0, result.MalformedRows);
        Assert.Equal(
            [new ResellerUser("[email protected]", 1, 0, true, new DateOnly(2023, 1, 13)), new ResellerUser("[email protected]", 425, 0, true, new DateOnly(2023, 1, 25))],
            result.Users);
    }

    [Fact]
    public async Task List_tolerates_extra_and_missing_fields_and_counts_bad_rows()
    {
        const string json = """
            { "status": "OK", "code": 200, "new_top_level": [1, 2], "message": { "other": {}, "resellerUsersList": [
              { "alloted_computers": 1, "created_date": "01-13-2023", "isActive": true, "utilized_computers": 0, "username": "[email protected]", "plan": { "name": "x" } },
              { "alloted_computers": 2, "isActive": false, "utilized_computers": 1, "username": "[email protected]" },
              { "alloted_computers": 3, "created_date": "2023-01-13", "isActive": true, "utilized_computers": 0, "username": "[email protected]" },
              { "alloted_computers": "4", "created_date": "01-13-2023", "isActive": true, "utilized_computers": 0, "username": "[email protected]" },
              { "alloted_computers": 5, "created_date": "01-13-2023", "isActive": true, "utilized_computers": 0, "username": null },
              { "alloted_computers": 6, "created_date": "01-13-2023", "isActive": "yes", "utilized_computers": 0, "username": "[email protected]" },
              42,
              null,
              { "alloted_computers": 7, "created_date": 20230113, "isActive": true, "utilized_computers": [1], "username": "[email protected]" },
              { "alloted_computers": 8, "created_date": null, "isActive": true, "utilized_computers": 8, "username": "[email protected]" }
            ]}}
            """;

        var result = await Read(json);

        Assert.Equal(["[email protected]", "[email protected]", "[email protected]", "[email protected]"], result.Users.Select(u => u.Username));
        Assert.Null(result.Users[1].Created);
        Assert.Null(result.Users[2].Created);
        Assert.Null(result.Users[3].Created);
        // bad date (kept), string count, null username, string flag, a number, a null, array count: 7.
        Assert.Equal(7, result.MalformedRows);
    }

    [Fact]
    public async Task An_empty_list_is_empty()
    {
        var result = await Read("""{ "status": "OK", "code": 200, "message": { "resellerUsersList": [] } }""");

        Assert.Empty(result.Users);
        Assert.Equal(0, result.MalformedRows);
    }

    [Theory]
    [InlineData("""{ "status": "OK", "code": 200, "message": "SUCCESS" }""")]
    [InlineData("""{ "status": "OK", "code": 200 }""")]
    [InlineData("""{ "status": "OK", "code": 200, "message": { "resellerUsersList": [ {"username": "a" """)]
    public async Task A_list_that_is_not_the_envelope_is_a_format_error(string response)
    {
        await using var server = await FakeRemotePcServer.StartAsync((_, _, context) => FakeRemotePcServer.Json(context, 200, response));
        await using var host = new ClientHost(server.BaseUrl);

        await Assert.ThrowsAsync<RemotePcResponseFormatException>(() => host.Client.ListUsersAsync());
    }

    [Fact]
    public async Task The_list_response_is_handed_over_before_its_body_has_arrived()
    {
        var release = new TaskCompletionSource();
        await using var server = await FakeRemotePcServer.StartAsync(async (_, _, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{ "status": "OK", "code": 200, "message": { "resellerUsersList": [""");
            await context.Response.Body.FlushAsync();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await context.Response.WriteAsync("]}}");
        });
        await using var host = new ClientHost(server.BaseUrl);
        var api = (IRemotePcApi)host.Services.GetService(typeof(IRemotePcApi))!;

        var call = api.ListUsersAsync(CancellationToken.None);
        var first = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5)));
        release.SetResult();

        Assert.Same(call, first);
        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_large_list_streams_through()
    {
        const int rows = 200_000;
        await using var server = await FakeRemotePcServer.StartAsync(async (_, _, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{ "status": "OK", "code": 200, "message": { "resellerUsersList": [""");
            var chunk = new StringBuilder();
            for (var i = 0; i < rows; i++)
            {
                chunk.Append(i == 0 ? "" : ",").Append($$"""{ "alloted_computers": {{i % 500}}, "created_date": "01-13-2023", "isActive": true, "utilized_computers": 0, "username": "user{{i}}@example.com" }""");
                if (chunk.Length > 64_000)
                {
                    await context.Response.WriteAsync(chunk.ToString());
                    chunk.Clear();
                }
            }

            await context.Response.WriteAsync(chunk + "]}}");
        });
        await using var host = new ClientHost(server.BaseUrl);

        var result = await host.Client.ListUsersAsync();

        Assert.Equal(rows, result.Users.Count);
        Assert.Equal("user199999@example.com", result.Users[^1].Username);
    }

    private static Task<UserListResult> Read(string json) =>
        UserListReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);
}
