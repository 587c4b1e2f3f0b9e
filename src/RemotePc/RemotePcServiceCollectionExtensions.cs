using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Refit;
using RemotePc.Wire;

namespace RemotePc;

public static class RemotePcServiceCollectionExtensions
{
    public const string HttpClientName = "RemotePc";

    // Only these request headers are logged in clear by IHttpClientFactory's logging; Authorization is never among them.
    private static readonly HashSet<string> LoggedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Accept", "User-Agent", "Date", "Retry-After",
    };

    /// <summary>Binds <see cref="RemotePcOptions"/> from the "RemotePc" section (validated at start), then applies <paramref name="configure"/>.</summary>
    public static IHttpClientBuilder AddRemotePcClient(this IHostApplicationBuilder builder, Action<RemotePcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RemotePcOptions>().BindConfiguration(RemotePcOptions.Section);
        return builder.Services.AddRemotePcClient(configure);
    }

    /// <summary>
    /// Registers <see cref="IRemotePcClient"/>. Register your own singleton <see cref="IRemotePcKeyStore"/> and, to send requests
    /// somewhere decided at run time, a singleton <see cref="IRemotePcEndpoint"/> (e.g. <see cref="DelegateRemotePcEndpoint"/>).
    /// </summary>
    public static IHttpClientBuilder AddRemotePcClient(this IServiceCollection services, Action<RemotePcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RemotePcOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IRemotePcKeyStore, NoRemotePcKeyStore>();
        services.TryAddSingleton<IRemotePcEndpoint, OptionsRemotePcEndpoint>();
        services.TryAddTransient<BearerKeyHandler>();
        services.TryAddSingleton<RemotePcHttpLogger>();
        services.TryAddTransient<IRemotePcClient, RemotePcClient>();

        var client = services
            .AddRefitGeneratedClient<IRemotePcApi>(sp => RemotePcRefitSettings.Create(Options(sp)), HttpClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                // Read on every client creation, so an endpoint decided after the container was built still wins.
                http.BaseAddress = sp.GetRequiredService<IRemotePcEndpoint>().BaseUrl;
                // The pipeline's attempt timeout and the list's total timeout govern; HttpClient's 100 s default would cut a long list.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<BearerKeyHandler>()
            // The default loggers leak raw header values through structured state (SecretLeakTests proves it): replace them.
            .RemoveAllLoggers()
            .AddLogger<RemotePcHttpLogger>(wrapHandlersPipeline: true)
            // Still set, in case a host adds the default loggers back to this client.
            .RedactLoggedHeaders(name => !LoggedHeaders.Contains(name));

        client.AddResilienceHandler(RemotePcResilience.PipelineName,
            (pipeline, context) => RemotePcResilience.Configure(pipeline, Options(context.ServiceProvider)));
        return client;
    }

    private static RemotePcOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<RemotePcOptions>>().Value;
}
