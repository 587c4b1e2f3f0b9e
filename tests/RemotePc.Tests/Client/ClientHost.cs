using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace RemotePc.Tests.Client;

/// <summary>The real registration (AddRemotePcClient) pointed at a test server, with every log record captured.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    public const string CanaryKey = "canary-key-3f9c1d7e";

    private readonly ServiceProvider provider;

    public ClientHost(Uri baseUrl, string? key = CanaryKey, Action<RemotePcOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFakeLogging();
        services.AddSingleton<IRemotePcKeyStore>(new FixedKeyStore(key));
        services.AddSingleton<IRemotePcEndpoint>(new DelegateRemotePcEndpoint(() => baseUrl));
        services.AddRemotePcClient(options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.ListRetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        provider = services.BuildServiceProvider(validateScopes: true);
    }

    public IRemotePcClient Client => provider.GetRequiredService<IRemotePcClient>();

    public IServiceProvider Services => provider;

    public FakeLogCollector Logs => provider.GetFakeLogCollector();

    public ValueTask DisposeAsync() => provider.DisposeAsync();

    private sealed class FixedKeyStore(string? key) : IRemotePcKeyStore
    {
        public ValueTask<string?> GetKeyAsync(CancellationToken ct) => ValueTask.FromResult(key);
    }
}
