using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemotePc.Wire;

/// <summary>
/// Deserializes the list envelope straight from the response stream: System.Text.Json reads the envelope and the array
/// resumably, and only buffers one row at a time for <see cref="UserRowConverter"/>, so 200,000 users never become one string.
/// </summary>
internal static class UserListReader
{
    private static readonly JsonSerializerOptions Options = new(WireJson.Options)
    {
        Converters = { new UserRowConverter() },
        // Fewer, larger reads of a 25 MB body: each 16 KB default buffer was one more resumption of the whole converter stack.
        DefaultBufferSize = 64 * 1024,
    };

    public static async Task<UserListResult> ReadAsync(Stream stream, CancellationToken ct)
    {
        var envelope = await JsonSerializer.DeserializeAsync<ListEnvelope>(stream, Options, ct);
        if (envelope?.Message is not { } message)
        {
            throw new JsonException("The list envelope has no message object.");
        }

        var rows = message.Users ?? [];
        var users = new List<ResellerUser>(rows.Count);
        var malformed = 0;
        foreach (var row in rows)
        {
            if (row.User is { } user)
            {
                users.Add(user);
            }

            if (row.Malformed)
            {
                malformed++;
            }
        }

        return new UserListResult(users, malformed);
    }

    private sealed class ListEnvelope
    {
        [JsonPropertyName("message")]
        public ListMessage? Message { get; set; }
    }

    private sealed class ListMessage
    {
        [JsonPropertyName("resellerUsersList")]
        public List<UserRow>? Users { get; set; }
    }
}
