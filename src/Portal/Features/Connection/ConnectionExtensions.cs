using Microsoft.Extensions.Options;
using Portal.Features.Settings;
using RemotePc;
using RemotePc.Sandbox;

namespace Portal.Features.Connection;

public static class ConnectionExtensions
{
    /// <summary>The RemotePC client, its key store, and (RemotePc:Mode=Sandbox) the embedded sandbox it talks to.</summary>
    public static WebApplicationBuilder AddRemotePcConnection(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RemotePcHostingOptions>().BindConfiguration(RemotePcHostingOptions.Section).ValidateOnStart();
        services.AddSingleton<ResellerKeyStore>();
        services.AddSingleton<IRemotePcKeyStore>(sp => sp.GetRequiredService<ResellerKeyStore>());
        services.AddScoped<ResellerKeyService>();
        services.AddSingleton<RemotePcEndpointInfo>();

        var hosting = builder.Configuration.GetSection(RemotePcHostingOptions.Section).Get<RemotePcHostingOptions>() ?? new();
        if (hosting.IsSandbox)
        {
            var sandbox = SandboxOptionsFrom(builder.Configuration, builder.Environment.ContentRootPath);
            services.AddSingleton(sandbox);
            services.AddSingleton<EmbeddedSandbox>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedSandbox>());
            services.AddSingleton<IRemotePcEndpoint>(sp =>
            {
                var embedded = sp.GetRequiredService<EmbeddedSandbox>();
                return new DelegateRemotePcEndpoint(() => embedded.Host.ApiBaseAddress);
            });
        }
        builder.AddRemotePcClient();
        return builder;
    }

    /// <summary>
    /// With the embedded sandbox, starts it now rather than with the hosted services, so its listener and demo data are
    /// ready while the portal's database migrates instead of after.
    /// </summary>
    public static WebApplication StartEmbeddedSandbox(this WebApplication app)
    {
        app.Services.GetService<EmbeddedSandbox>()?.BeginStart();
        return app;
    }

    /// <summary>
    /// With the embedded sandbox, waits for it to listen and, on a database without a reseller key, stores its key
    /// there. Part of the start-up work: it needs the migrated database and the key ring.
    /// </summary>
    public static Task StoreEmbeddedSandboxKeyAsync(this WebApplication app) =>
        app.Services.GetService<EmbeddedSandbox>()?.CompleteStartAsync(app.Lifetime.ApplicationStopping) ?? Task.CompletedTask;

    // The sandbox's password rule comes from RemotePc:PasswordRule, the same section the add-user form validates with.
    private static SandboxOptions SandboxOptionsFrom(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(SandboxOptions.Section).Get<SandboxOptions>() ?? new SandboxOptions();
        configuration.GetSection("RemotePc:PasswordRule").Bind(options.PasswordRule);
        options.DatabasePath = string.IsNullOrWhiteSpace(options.DatabasePath)
            ? null
            : Path.GetFullPath(Path.IsPathRooted(options.DatabasePath) ? options.DatabasePath : Path.Combine(contentRoot, options.DatabasePath));
        if (options.DatabasePath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        }
        return options;
    }
}
