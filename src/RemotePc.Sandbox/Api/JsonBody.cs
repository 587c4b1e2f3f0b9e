using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RemotePc.Sandbox.Api;

/// <summary>Reads a request body as JSON; on failure answers 400 in RemotePC's envelope and returns null.</summary>
internal static class JsonBody
{
    public static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            await ApiResponse.BadRequest(context, ErrorCodes.InvalidContentType);
            return null;
        }

        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            await ApiResponse.BadRequest(context, ErrorCodes.InvalidJson);
            return null;
        }
    }
}
