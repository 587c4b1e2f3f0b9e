namespace RemotePc.Sandbox.Links;

internal enum LinkOutcome
{
    SignedIn,
    Unknown,
    AlreadyUsed,
    Expired,
}

internal readonly record struct LinkRedemption(LinkOutcome Outcome, string? Username);
