using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Control;

/// <summary>
/// The control surface is the sandbox's own API, so it uses plain camelCase JSON (unlike the emulated envelope)
/// and its own options, independent of whatever a mounting host configured.
/// </summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted);
            if (value is null)
            {
                await Problem(context, StatusCodes.Status400BadRequest, "A JSON object is required.");
            }

            return value;
        }
        catch (JsonException exception)
        {
            await Problem(context, StatusCodes.Status400BadRequest, $"Malformed JSON: {exception.Message}");
            return null;
        }
    }

    public static Task Write<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, Options, context.RequestAborted);
    }

    public static Task Problem(HttpContext context, int status, string error) => Write(context, new { error }, status);
}
