using RemotePc;

namespace Portal.Features.Connection;

public enum UpstreamProblem
{
    None,
    NoKey,
    KeyRejected,
    NotWhitelisted,
    UpstreamFailing,
    Timeout,
    Unreachable,
    BadResponse,
    Rejected,
}

/// <summary>Turns the client's typed errors into the few situations a staff member can act on.</summary>
public static class UpstreamProblems
{
    public static UpstreamProblem Classify(Exception error) => error switch
    {
        RemotePcKeyMissingException => UpstreamProblem.NoKey,
        RemotePcApiException { IsKeyRejected: true } => UpstreamProblem.KeyRejected,
        RemotePcApiException { IsNotWhitelisted: true } => UpstreamProblem.NotWhitelisted,
        RemotePcApiException { IsUpstreamFailure: true } => UpstreamProblem.UpstreamFailing,
        RemotePcApiException => UpstreamProblem.Rejected,
        RemotePcTransportException { Kind: TransportFailureKind.Timeout } => UpstreamProblem.Timeout,
        RemotePcTransportException => UpstreamProblem.Unreachable,
        RemotePcResponseFormatException => UpstreamProblem.BadResponse,
        _ => UpstreamProblem.Unreachable,
    };

    /// <summary>The English sentence (also the localizer key) that says what happened and what to do.</summary>
    public static string Explain(UpstreamProblem problem) => problem switch
    {
        UpstreamProblem.None => "RemotePC answered normally.",
        UpstreamProblem.NoKey => "No reseller API key is set yet. An Admin can paste it on the Settings page.",
        UpstreamProblem.KeyRejected => "RemotePC rejected the reseller API key. An Admin should paste the current key on the Settings page.",
        UpstreamProblem.NotWhitelisted => "RemotePC refused this server's address: it is not on the reseller account's IP whitelist.",
        UpstreamProblem.UpstreamFailing => "RemotePC is failing right now (server error). Try again in a moment.",
        UpstreamProblem.Timeout => "RemotePC did not answer in time. Try again in a moment.",
        UpstreamProblem.Unreachable => "RemotePC could not be reached from this server. Check the network or RemotePc:BaseUrl.",
        UpstreamProblem.BadResponse => "RemotePC sent an answer the portal could not read.",
        UpstreamProblem.Rejected => "RemotePC refused the request.",
        _ => "RemotePC could not be reached.",
    };
}
