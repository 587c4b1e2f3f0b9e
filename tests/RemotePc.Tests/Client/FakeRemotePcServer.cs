using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RemotePc.Tests.Client;

/// <summary>A real Kestrel server on a loopback port that counts requests and lets each test script the answer per attempt.</summary>
internal sealed class FakeRemotePcServer : IAsyncDisposable
{
    public const string BasePath = "/rpc-api/reseller/private/";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> counts = new();
    private readonly ConcurrentQueue<string?> authorizations = new();

    private FakeRemotePcServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyCollection<string?> Authorizations => authorizations;

    public int Count(string operation) => counts.GetValueOrDefault(operation);

    /// <param name="respond">Gets the operation ("user/add"), its 1-based attempt number and the context.</param>
    public static async Task<FakeRemotePcServer> StartAsync(Func<string, int, HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeRemotePcServer(app);
        app.Run(async context =>
        {
            var operation = context.Request.Path.Value!.Replace(BasePath, "", StringComparison.Ordinal);
            var attempt = server.counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            server.authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            await respond(operation, attempt, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(new Uri(address), BasePath);
        return server;
    }

    public static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what the test waits for.
        }
    }

    public static async Task Drop(HttpContext context)
    {
        // Read the request first, so the drop happens after it was sent: the outcome is then unknown to the client.
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
