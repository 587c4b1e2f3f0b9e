using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// Writes RemotePC's envelopes by hand with <see cref="Utf8JsonWriter"/> so property names and their order are
/// exactly the upstream ones, independent of any serializer settings of a host that mounts the sandbox.
/// </summary>
internal static class ApiResponse
{
    /// <summary>
    /// Relaxed escaping so <c>+</c> and non-ASCII in usernames go out literally, as a Java backend writes them,
    /// instead of as <c>\u002B</c>; quotes and control characters are still escaped.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Error(HttpContext context, int code, string status, params IReadOnlyList<string> descriptions)
    {
        return Write(context, code, writer =>
        {
            writer.WriteString("status", status);
            writer.WriteNumber("code", code);
            writer.WriteNumber("errorsCount", descriptions.Count);
            writer.WriteStartArray("errors");
            foreach (var description in descriptions)
            {
                writer.WriteStartObject();
                writer.WriteString("description", description);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    public static Task BadRequest(HttpContext context, params IReadOnlyList<string> descriptions) =>
        Error(context, StatusCodes.Status400BadRequest, "BAD_REQUEST", descriptions);

    public static Task Unauthorized(HttpContext context, string description) =>
        Error(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", description);

    public static Task Forbidden(HttpContext context) =>
        Error(context, StatusCodes.Status403Forbidden, "Forbidden", ErrorCodes.Forbidden);

    public static Task ServerError(HttpContext context) =>
        Error(context, StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", ErrorCodes.InternalServerError);

    /// <summary>Success envelope; <paramref name="writeMessage"/> writes the value of <c>message</c>.</summary>
    public static Task Ok(HttpContext context, Action<Utf8JsonWriter> writeMessage)
    {
        return Write(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("status", "OK");
            writer.WriteNumber("code", StatusCodes.Status200OK);
            writer.WritePropertyName("message");
            writeMessage(writer);
        });
    }

    private static async Task Write(HttpContext context, int code, Action<Utf8JsonWriter> writeBody)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
