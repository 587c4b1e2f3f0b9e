using System.Net;
using System.Text.Json;

namespace RemotePc.Wire;

/// <summary>Turns any error response into a <see cref="RemotePcApiException"/>; whatever the body, nothing else escapes.</summary>
internal static class ErrorEnvelopeReader
{
    private const int MaxDescriptions = 100;

    public static async Task<RemotePcApiException> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        byte[] body;
        try
        {
            body = await ReadCappedAsync(response.Content, maxBytes, ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status line arrived, so this is still RemotePC's answer; only its details are lost.
            body = [];
        }

        return Parse(response.StatusCode, body);
    }

    public static RemotePcApiException Parse(HttpStatusCode statusCode, ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new RemotePcApiException(statusCode, "", []);
            }

            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            return new RemotePcApiException(statusCode, status, ReadDescriptions(root));
        }
        catch (JsonException)
        {
            // An HTML error page from a proxy, an empty or truncated body: the status code is all we know.
            return new RemotePcApiException(statusCode, "", []);
        }
    }

    private static List<string> ReadDescriptions(JsonElement root)
    {
        var descriptions = new List<string>();
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return descriptions;
        }

        foreach (var error in errors.EnumerateArray())
        {
            var description = error.ValueKind switch
            {
                JsonValueKind.Object when error.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String => d.GetString(),
                JsonValueKind.String => error.GetString(),
                _ => null,
            };
            if (!string.IsNullOrEmpty(description))
            {
                descriptions.Add(description);
            }

            if (descriptions.Count == MaxDescriptions)
            {
                break;
            }
        }

        return descriptions;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[maxBytes];
        var total = 0;
        int read;
        while (total < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }
}
