namespace RemotePc;

public sealed record InvitationRequest(string Email, int AllottedComputers = 0);
