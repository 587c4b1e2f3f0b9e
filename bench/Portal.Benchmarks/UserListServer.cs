using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Benchmarks;

/// <summary>
/// Kestrel on loopback answering RemotePC's <c>POST …/user/list</c> with one fixed body: real HTTP and real sockets,
/// but no sandbox work per request, so the benchmark times the client's fetch and parse and nothing on the server side.
/// </summary>
internal sealed class UserListServer : IAsyncDisposable
{
    public const string BasePath = "/rpc-api/reseller/private/";

    private readonly WebApplication _app;

    private UserListServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The RemotePC base URL (ending in '/') under which user/list answers.</summary>
    public Uri BaseUrl { get; }

    public static async Task<UserListServer> StartAsync(byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost(BasePath + "user/list", () => Results.Bytes(body, "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UserListServer(app, new Uri(address.TrimEnd('/') + BasePath));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
