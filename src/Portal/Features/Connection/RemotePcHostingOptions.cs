namespace Portal.Features.Connection;

public enum RemotePcMode
{
    /// <summary>The embedded default: an in-process RemotePc.Sandbox with demo data.</summary>
    Sandbox,

    /// <summary>The real RemotePC service at RemotePc:BaseUrl.</summary>
    Live,
}

/// <summary>The portal's side of the "RemotePc" section; the client library binds the rest (BaseUrl, timeouts).</summary>
public sealed class RemotePcHostingOptions
{
    public const string Section = "RemotePc";

    public RemotePcMode Mode { get; set; } = RemotePcMode.Sandbox;

    public bool IsSandbox => Mode == RemotePcMode.Sandbox;
}
