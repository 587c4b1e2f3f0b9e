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
        if (!hosting.IsSandbox)
        {
            builder.AddRemotePcClient();
            return builder;
        }
        var sandbox = SandboxOptionsFrom(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(sandbox);
        services.AddSingleton<EmbeddedSandbox>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedSandbox>());
        services.AddSingleton<IRemotePcEndpoint>(new DelegateRemotePcEndpoint(() => EmbeddedSandbox.ClientBaseAddress));
        builder.AddRemotePcClient()
            .ConfigureAdditionalHttpMessageHandlers((handlers, sp) => handlers.Insert(0, new EmbeddedSandboxHandler(sp.GetRequiredService<EmbeddedSandbox>())));
        return builder;
    }

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
