using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RemotePc.Sandbox.Hosting;

namespace RemotePc.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers one sandbox instance (state, store, faults, counters). The store is opened and seeded when the
    /// instance is first resolved; <see cref="SandboxHost"/> resolves it before it starts listening.
    /// </summary>
    public static IServiceCollection AddRemotePcSandbox(this IServiceCollection services, SandboxOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        SandboxOptionsValidation.Validate(options);
        services.AddSingleton(provider => new SandboxRuntime(
            options,
            time ?? TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("RemotePc.Sandbox")));
        services.AddSingleton(provider => new SandboxControl(provider.GetRequiredService<SandboxRuntime>()));
        return services;
    }
}
