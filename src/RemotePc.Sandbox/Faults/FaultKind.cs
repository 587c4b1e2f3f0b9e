namespace RemotePc.Sandbox;

/// <summary>What an injected fault does to a call.</summary>
public enum FaultKind
{
    None,

    /// <summary>500 with RemotePC's INTERNAL_SERVER_ERROR envelope.</summary>
    ServerError,

    /// <summary>Holds the request until the client gives up (at most <see cref="FaultSpec.MaxHang"/>), then 500.</summary>
    Hang,

    /// <summary>Aborts the connection before anything is written.</summary>
    Drop,

    /// <summary>401 as if the key were wrong.</summary>
    Unauthorized,

    /// <summary>403 as if the source IP were not whitelisted.</summary>
    Forbidden,
}
