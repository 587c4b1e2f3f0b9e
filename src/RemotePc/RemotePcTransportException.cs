namespace RemotePc;

public enum TransportFailureKind
{
    Timeout,
    ConnectionFailed,
    ConnectionDropped,
}

/// <summary>No answer from RemotePC. When <see cref="OutcomeUnknown"/> is true the request may have been carried out: reconcile against a fresh list before retrying by hand.</summary>
public sealed class RemotePcTransportException : RemotePcException
{
    public RemotePcTransportException(TransportFailureKind kind, bool outcomeUnknown, Exception? innerException = null)
        : base(BuildMessage(kind, outcomeUnknown), innerException)
    {
        Kind = kind;
        OutcomeUnknown = outcomeUnknown;
    }

    public TransportFailureKind Kind { get; }

    public bool OutcomeUnknown { get; }

    private static string BuildMessage(TransportFailureKind kind, bool outcomeUnknown)
    {
        var what = kind switch
        {
            TransportFailureKind.Timeout => "RemotePC did not answer in time",
            TransportFailureKind.ConnectionFailed => "Could not connect to RemotePC",
            _ => "The connection to RemotePC was lost before it answered",
        };
        return outcomeUnknown
            ? what + "; the request may still have been carried out, check before retrying."
            : what + "; the request was not sent.";
    }
}
