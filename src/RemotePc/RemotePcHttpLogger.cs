using System.Diagnostics;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace RemotePc;

/// <summary>
/// Replaces IHttpClientFactory's default loggers, which redact headers in the formatted message but hand the raw values
/// (Authorization included) to structured-logging sinks through their state. This one never logs a header, a body or a query.
/// </summary>
internal sealed class RemotePcHttpLogger(ILogger<RemotePcHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        logger.LogInformation("RemotePC {Operation} answered {StatusCode} in {ElapsedMs} ms",
            RemotePcRefitSettings.OperationName(request), (int)response.StatusCode, (long)elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        logger.LogWarning("RemotePC {Operation} failed without an answer after {ElapsedMs} ms: {ErrorType}",
            RemotePcRefitSettings.OperationName(request), (long)elapsed.TotalMilliseconds, exception.GetType().Name);
}
