using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

public sealed class ConcurrencyAndLoggingTests
{
    [Fact]
    public async Task Concurrent_adds_of_one_address_create_it_exactly_once()
    {
        await using var sandbox = await SandboxTestHost.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sandbox.PostAsync("user/add", Json.Add("race@example.com"))));

        Assert.Equal(1, responses.Count(r => (int)r.StatusCode == 200));
        Assert.Equal(19, responses.Count(r => (int)r.StatusCode == 400));
        Assert.Single(sandbox.Control.Users(), u => u.Username == "race@example.com");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Autologin_tokens_never_reach_the_log()
    {
        using var provider = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        var options = new SandboxOptions { ApiKey = SandboxTestHost.Key, SeedUsers = 0, SeedPendingInvitations = 0 };
        await using var host = await SandboxHost.StartAsync(options, loggerFactory);
        using var client = new HttpClient { BaseAddress = host.ApiBaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", SandboxTestHost.Key);
        using (await client.PostAsync("user/add", new StringContent(Json.Add("logged@example.com"), System.Text.Encoding.UTF8, "application/json"))) { }

        using var signin = await client.PostAsync("user/signin", new StringContent(Json.Signin("logged@example.com", "Passw0rd!"), System.Text.Encoding.UTF8, "application/json"));
        var link = (await Json.ParseAsync(signin)).GetProperty("message").GetProperty("rpc_redirect_link").GetString()!;
        using (await client.GetAsync(link)) { }
        using (await client.GetAsync(link)) { }

        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(provider.Collector.GetSnapshot(), record => record.Message.Contains(token, StringComparison.Ordinal)
            || (record.StructuredState?.Any(pair => pair.Value?.Contains(token, StringComparison.Ordinal) == true) ?? false));
    }
}
