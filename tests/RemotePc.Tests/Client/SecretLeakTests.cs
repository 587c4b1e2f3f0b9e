using Microsoft.AspNetCore.Http;

namespace RemotePc.Tests.Client;

/// <summary>Canary secrets go through every failure path; none may show up in an exception or in a log record.</summary>
public sealed class SecretLeakTests
{
    private const string CanaryPassword = "canary-pass-8b2e41";
    private const string CanaryBody = "canary-upstream-body-77c1";

    [Fact]
    public async Task Neither_the_key_nor_the_password_nor_the_raw_body_leaks()
    {
        await using var server = await FakeRemotePcServer.StartAsync((operation, _, context) => operation switch
        {
            "user/add" => FakeRemotePcServer.Json(context, 401, Samples.NotAuthorized),
            "user/signin" => FakeRemotePcServer.Json(context, 500, $"<html>{CanaryBody}</html>"),
            "user/invite" => FakeRemotePcServer.Drop(context),
            _ => FakeRemotePcServer.Hang(context),
        });
        await using var host = new ClientHost(server.BaseUrl, configure: o =>
        {
            // Short only where the server hangs (the list): the other answers must not time out on a busy machine.
            o.ListTotalTimeout = TimeSpan.FromMilliseconds(500);
        });
        var client = host.Client;

        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<RemotePcApiException>(() => client.AddUserAsync(new("A", "B", "[email protected]", CanaryPassword))),
            await Assert.ThrowsAsync<RemotePcApiException>(() => client.SignInAsync("[email protected]", CanaryPassword)),
            await Assert.ThrowsAsync<RemotePcTransportException>(() => client.InviteAsync([new("[email protected]")])),
            await Assert.ThrowsAsync<RemotePcTransportException>(() => client.ListUsersAsync()),
        };

        Assert.All(server.Authorizations, a => Assert.Equal($"Bearer {ClientHost.CanaryKey}", a));
        foreach (var error in errors)
        {
            AssertClean(error.ToString());
        }

        var records = host.Logs.GetSnapshot();
        // The HTTP calls were logged (so the check below is not vacuous), each with its operation.
        Assert.Contains(records, r => r.Message.Contains("user/add answered 401", StringComparison.Ordinal));
        foreach (var record in records)
        {
            AssertClean(record.Message);
            AssertClean(record.Exception?.ToString() ?? "");
            AssertClean(string.Join(";", record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? []));
        }
    }

    [Fact]
    public void A_new_user_prints_without_its_password() =>
        Assert.DoesNotContain(CanaryPassword, new NewResellerUser("A", "B", "[email protected]", CanaryPassword).ToString());

    private static void AssertClean(string text)
    {
        Assert.DoesNotContain(ClientHost.CanaryKey, text);
        Assert.DoesNotContain(CanaryPassword, text);
        Assert.DoesNotContain(CanaryBody, text);
    }
}
