using Microsoft.Extensions.Options;
using RemotePc;

namespace Portal.Features.Connection;

/// <summary>What the Settings page shows about where RemotePC calls go.</summary>
public sealed class RemotePcEndpointInfo(IRemotePcEndpoint endpoint, IOptions<RemotePcHostingOptions> hosting, EmbeddedSandbox? sandbox = null)
{
    public bool IsSandbox => hosting.Value.IsSandbox;

    /// <summary>Where calls go; with the embedded sandbox, its listener once started ("-" before).</summary>
    public string BaseUrl
    {
        get
        {
            if (sandbox is not null)
            {
                return sandbox.StartedHost?.ApiBaseAddress.ToString() ?? "-";
            }
            try
            {
                return endpoint.BaseUrl.ToString();
            }
            catch (InvalidOperationException)
            {
                return "-";
            }
        }
    }

    /// <summary>
    /// With the embedded sandbox, waits for it to start and store its key on a fresh install, so the key status read
    /// next is the one the first RemotePC call will use. False when it failed to start (the log says why).
    /// </summary>
    public async Task<bool> WaitForSandboxAsync(CancellationToken cancellationToken = default)
    {
        if (sandbox is null)
        {
            return true;
        }
        try
        {
            await sandbox.GetHostAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
