namespace RemotePc.Sandbox.State;

/// <summary>Per-address outcome of <c>user/invite</c>, spelled as on the wire.</summary>
internal static class InviteStatus
{
    public const string Invited = "INVITED";
    public const string Exists = "EXISTS";
    public const string AlreadyInvited = "ALREADY_INVITED";

    // sandbox: undocumented upstream; used for one bad element inside an otherwise valid array
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string InvalidAllotedComputers = "INVALID_ALLOTED_COMPUTERS";
}
