namespace RemotePc;

public enum InvitationStatus
{
    Unknown,
    Invited,
    Exists,
    AlreadyInvited,
}

/// <param name="RawStatus">The status exactly as RemotePC sent it, so an undocumented one can still be shown.</param>
public sealed record InvitationResult(string Username, InvitationStatus Status, string RawStatus)
{
    internal static InvitationStatus ParseStatus(string? raw) => raw?.Trim().ToUpperInvariant() switch
    {
        "INVITED" => InvitationStatus.Invited,
        "EXISTS" => InvitationStatus.Exists,
        "ALREADY_INVITED" => InvitationStatus.AlreadyInvited,
        _ => InvitationStatus.Unknown,
    };
}
