using System.Text.Json.Serialization;

namespace RemotePc.Wire;

// A class, not a record: a generated ToString would print the password.
internal sealed class AddUserRequest
{
    [JsonPropertyName("firstName")]
    public required string FirstName { get; init; }

    [JsonPropertyName("lastName")]
    public required string LastName { get; init; }

    [JsonPropertyName("invitedUserEmailId")]
    public required string InvitedUserEmailId { get; init; }

    [JsonPropertyName("password")]
    public required string Password { get; init; }

    [JsonPropertyName("allotedComputers")]
    public int AllotedComputers { get; init; }

    [JsonPropertyName("sendEmailToUser")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SendEmailToUser { get; init; }

    public static AddUserRequest From(NewResellerUser user) => new()
    {
        FirstName = user.FirstName,
        LastName = user.LastName,
        InvitedUserEmailId = user.Email,
        Password = user.Password,
        AllotedComputers = user.AllottedComputers,
        SendEmailToUser = user.SendEmailToUser,
    };
}
