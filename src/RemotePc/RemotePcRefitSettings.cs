using Refit;
using RemotePc.Wire;

namespace RemotePc;

internal static class RemotePcRefitSettings
{
    public static RefitSettings Create(RemotePcOptions options) => new(new SystemTextJsonContentSerializer(WireJson.Options))
    {
        // Relative paths resolve under the base URL's path (…/reseller/private/user/add).
        UrlResolution = UrlResolutionMode.Rfc3986,

        // Our own exceptions replace ApiException entirely: they carry the status and the envelope's codes, never the request.
        ExceptionFactory = async response =>
        {
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            using var bodyTimeout = new CancellationTokenSource(options.AttemptTimeout);
            return await ErrorEnvelopeReader.ReadAsync(response, options.MaxErrorBodyBytes, bodyTimeout.Token);
        },
        DeserializationExceptionFactory = (response, exception) =>
            ValueTask.FromResult<Exception?>(new RemotePcResponseFormatException(OperationName(response.RequestMessage), exception)),
        TransportExceptionFactory = (_, exception, ct) =>
            exception is OperationCanceledException && ct.IsCancellationRequested ? exception : TransportFailures.Classify(exception),

        // Belt and braces for any ApiException Refit still builds: never let it carry the key, the password or a raw body.
        CaptureRequestContent = false,
        MaxExceptionContentLength = options.MaxErrorBodyBytes,
        ExceptionRedactor = exception =>
        {
            exception.RequestMessage?.Headers.Authorization = null;
            exception.RequestContent = null;
            if (exception is ApiException api)
            {
                api.Content = null;
            }
        },
    };

    internal static string OperationName(HttpRequestMessage? request) =>
        request?.RequestUri is { } uri && uri.Segments.Length >= 2
            ? string.Concat(uri.Segments[^2..]).Trim('/')
            : "the request";
}
