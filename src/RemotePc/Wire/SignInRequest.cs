using System.Text.Json.Serialization;

namespace RemotePc.Wire;

// A class, not a record: a generated ToString would print the password.
internal sealed class SignInRequest
{
    [JsonPropertyName("username")]
    public required string Username { get; init; }

    [JsonPropertyName("password")]
    public required string Password { get; init; }
}
