using System.Text.Json.Serialization;

namespace RemotePc.Wire;

internal sealed class SuccessEnvelope<TMessage>
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("code")]
    public int? Code { get; set; }

    [JsonPropertyName("message")]
    public TMessage? Message { get; set; }
}
