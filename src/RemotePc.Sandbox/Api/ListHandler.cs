using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RemotePc.Sandbox.Hosting;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// <c>user/list</c>: streams the whole list with <see cref="Utf8JsonWriter"/> straight into the response pipe,
/// flushing every few kilobytes, so 200,000 users never become one giant string. The body is ignored (the spec
/// defines none), so clients need not send a Content-Type.
/// </summary>
internal static class ListHandler
{
    private const int FlushThresholdBytes = 32 * 1024;

    public static async Task Handle(HttpContext context, SandboxRuntime runtime)
    {
        var users = runtime.State.SnapshotUsers();
        var ct = context.RequestAborted;

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var pipe = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe, ApiResponse.WriterOptions);

        writer.WriteStartObject();
        writer.WriteString("status", "OK");
        writer.WriteNumber("code", StatusCodes.Status200OK);
        writer.WriteStartObject("message");
        writer.WriteStartArray("resellerUsersList");
        foreach (var user in users)
        {
            writer.WriteStartObject();
            writer.WriteNumber("alloted_computers", user.AllottedComputers);
            writer.WriteString("created_date", user.CreatedDate.ToString("MM-dd-yyyy", CultureInfo.InvariantCulture));
            writer.WriteBoolean("isActive", user.ListedAsActive);
            writer.WriteNumber("utilized_computers", user.UtilizedComputers);
            writer.WriteString("username", user.Username);
            writer.WriteEndObject();

            if (writer.BytesPending >= FlushThresholdBytes)
            {
                writer.Flush();
                await pipe.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        await pipe.FlushAsync(ct);
    }
}
