namespace RemotePc.Sandbox;

/// <summary>An invited address that has not signed up yet; not a user, so not in the list.</summary>
public sealed record PendingInvitation(string Email, int AllottedComputers, DateOnly InvitedDate);
