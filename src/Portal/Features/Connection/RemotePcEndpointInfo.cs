using Microsoft.Extensions.Options;
using RemotePc;

namespace Portal.Features.Connection;

/// <summary>What the Settings page shows about where RemotePC calls go.</summary>
public sealed class RemotePcEndpointInfo(IRemotePcEndpoint endpoint, IOptions<RemotePcHostingOptions> hosting, EmbeddedSandbox? sandbox = null)
{
    public bool IsSandbox => hosting.Value.IsSandbox;

    /// <summary>Where calls go; with the embedded sandbox, its listener once started ("-" before).</summary>
    public string BaseUrl => sandbox is null ? endpoint.BaseUrl.ToString() : sandbox.StartedHost?.ApiBaseAddress.ToString() ?? "-";

    /// <summary>
    /// With the embedded sandbox, waits for it to start and store its key on a fresh install, so the key status read
    /// next is the one the first RemotePC call will use. A failed start is not thrown: the log says why, and the page
    /// shows the key status as it is.
    /// </summary>
    public async Task WaitForSandboxAsync(CancellationToken cancellationToken = default)
    {
        if (sandbox is null)
        {
            return;
        }
        try
        {
            await sandbox.GetHostAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
        }
    }
}
