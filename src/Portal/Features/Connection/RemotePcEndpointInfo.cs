using RemotePc;

namespace Portal.Features.Connection;

/// <summary>What the Settings page shows about where RemotePC calls go.</summary>
public sealed class RemotePcEndpointInfo(IRemotePcEndpoint endpoint, Microsoft.Extensions.Options.IOptions<RemotePcHostingOptions> hosting)
{
    public bool IsSandbox => hosting.Value.IsSandbox;

    public string BaseUrl
    {
        get
        {
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
}
