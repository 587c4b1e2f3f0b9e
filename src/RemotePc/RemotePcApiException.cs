using System.Net;

namespace RemotePc;

/// <summary>RemotePC answered with an error status: the request reached it and was refused or failed there.</summary>
public sealed class RemotePcApiException : RemotePcException
{
    public RemotePcApiException(HttpStatusCode statusCode, string status, IReadOnlyList<string> descriptions)
        : base(BuildMessage(statusCode, status, descriptions))
    {
        StatusCode = statusCode;
        Status = status;
        Descriptions = descriptions;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The envelope's status string ("BAD_REQUEST", "Forbidden"...), empty when the body was not an envelope.</summary>
    public string Status { get; }

    /// <summary>Every error description in the order sent, unknown codes verbatim; empty when the body was not an envelope.</summary>
    public IReadOnlyList<string> Descriptions { get; }

    public bool IsKeyRejected => StatusCode == HttpStatusCode.Unauthorized;

    public bool IsNotWhitelisted => StatusCode == HttpStatusCode.Forbidden;

    public bool IsUpstreamFailure => (int)StatusCode >= 500;

    public bool Has(string description) => Descriptions.Contains(description, StringComparer.OrdinalIgnoreCase);

    private static string BuildMessage(HttpStatusCode statusCode, string status, IReadOnlyList<string> descriptions)
    {
        var code = (int)statusCode;
        var what = code switch
        {
            401 => "RemotePC rejected the API key",
            403 => "RemotePC refused the request (is this server's IP address whitelisted?)",
            >= 500 => "RemotePC failed to process the request",
            _ => "RemotePC rejected the request",
        };
        var detail = descriptions.Count == 0 ? "" : ": " + string.Join(", ", descriptions.Select(SafeText.ForMessage));
        return $"{what} (HTTP {code}{(status.Length == 0 ? "" : " " + SafeText.ForMessage(status))}){detail}.";
    }
}
