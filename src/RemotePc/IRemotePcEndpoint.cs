using Microsoft.Extensions.Options;

namespace RemotePc;

/// <summary>Where requests go. Consulted each time a client is created, so a host can decide after the container is built (e.g. an in-process sandbox on a dynamic port).</summary>
public interface IRemotePcEndpoint
{
    Uri BaseUrl { get; }
}

internal sealed class OptionsRemotePcEndpoint(IOptionsMonitor<RemotePcOptions> options) : IRemotePcEndpoint
{
    public Uri BaseUrl => options.CurrentValue.BaseUrl;
}

/// <summary>Resolves the base URL lazily through a delegate the host supplies.</summary>
public sealed class DelegateRemotePcEndpoint(Func<Uri> resolve) : IRemotePcEndpoint
{
    public Uri BaseUrl => resolve();
}
