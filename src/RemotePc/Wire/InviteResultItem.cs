using System.Text.Json.Serialization;

namespace RemotePc.Wire;

internal sealed class InviteResultItem
{
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    public InvitationResult ToResult() =>
        new(Username ?? "", InvitationResult.ParseStatus(Status), Status ?? "");
}
