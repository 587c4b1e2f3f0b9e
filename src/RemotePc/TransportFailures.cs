using System.Net.Http;
using Polly.Timeout;
using Refit;

namespace RemotePc;

/// <summary>Maps "no answer" exceptions to <see cref="RemotePcTransportException"/>, deciding whether the request may have reached RemotePC.</summary>
internal static class TransportFailures
{
    public static Exception Classify(Exception exception) => exception switch
    {
        RemotePcException => exception,
        // Refit's wrapper carries the live request (Authorization header included): keep only the cause.
        ApiRequestException { InnerException: { } inner } => Classify(inner),
        TimeoutRejectedException => new RemotePcTransportException(TransportFailureKind.Timeout, outcomeUnknown: true, exception),
        OperationCanceledException { InnerException: TimeoutException } => new RemotePcTransportException(TransportFailureKind.Timeout, outcomeUnknown: true, exception),
        // These fail while the connection is being set up, before a byte of the request has left.
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError }
            => new RemotePcTransportException(TransportFailureKind.ConnectionFailed, outcomeUnknown: false, exception),
        // Anything else may have happened after the request was written: assume RemotePC could have acted on it.
        HttpRequestException or IOException => new RemotePcTransportException(TransportFailureKind.ConnectionDropped, outcomeUnknown: true, exception),
        _ => exception,
    };
}
