using System.Text.Json.Serialization;

namespace RemotePc.Wire;

internal sealed record InviteRequestItem(
    [property: JsonPropertyName("invitedUserEmailId")] string InvitedUserEmailId,
    [property: JsonPropertyName("allotedComputers")] int AllotedComputers)
{
    public static InviteRequestItem From(InvitationRequest request) => new(request.Email, request.AllottedComputers);
}
