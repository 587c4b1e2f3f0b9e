using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RemotePc.Sandbox;

namespace RemotePc.Tests.Sandbox;

/// <summary>A real sandbox over real HTTP with an in-memory store, plus a plain HttpClient that sends the key.</summary>
internal sealed class SandboxTestHost : IAsyncDisposable
{
    public const string Key = "test-key";

    /// <summary>13 Jan 2023, the date in the spec's list example.</summary>
    public static readonly DateTimeOffset Start = new(2023, 1, 13, 9, 30, 0, TimeSpan.Zero);

    private SandboxTestHost(SandboxHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = CreateClient();
    }

    public SandboxHost Host { get; }

    public SandboxControl Control => Host.Control;

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxTestHost> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { ApiKey = Key, SeedUsers = 0, SeedPendingInvitations = 0 };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Start);
        return new SandboxTestHost(await SandboxHost.StartAsync(options, time: time), time);
    }

    public HttpClient CreateClient(string? key = Key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = Host.ApiBaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, HttpClient? client = null) =>
        (client ?? Http).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> ListAsync(HttpClient? client = null) => (client ?? Http).PostAsync("user/list", null);

    public async Task AddUserAsync(string email, string password = "Passw0rd!", int allotted = 0)
    {
        using var response = await PostAsync("user/add", Json.Add(email, password, allotted));
        Assert.Equal(200, (int)response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

internal static class Json
{
    public static string Add(string email, string password = "Passw0rd!", int allotted = 0) =>
        JsonSerializer.Serialize(new { firstName = "Ada", lastName = "Lovelace", invitedUserEmailId = email, password, allotedComputers = allotted, sendEmailToUser = true });

    public static string Signin(string username, string password) => JsonSerializer.Serialize(new { username, password });

    public static string Error(int code, string status, params string[] descriptions) =>
        $$"""{"status":"{{status}}","code":{{code}},"errorsCount":{{descriptions.Length}},"errors":[{{string.Join(",", descriptions.Select(d => $$"""{"description":"{{d}}"}"""))}}]}""";

    public static string BadRequest(params string[] descriptions) => Error(400, "BAD_REQUEST", descriptions);

    public static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    public static async Task<JsonElement> ParseAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task AssertAsync(HttpResponseMessage response, int status, string body)
    {
        Assert.Equal(body, await BodyAsync(response));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
