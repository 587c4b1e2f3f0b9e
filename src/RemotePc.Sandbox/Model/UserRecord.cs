namespace RemotePc.Sandbox.Model;

/// <summary>
/// One reseller sub-user as stored. Immutable so a list response can stream a snapshot while mutations replace
/// entries.
/// </summary>
internal sealed record UserRecord(
    string Username,
    string PasswordHash,
    int AllottedComputers,
    int UtilizedComputers,
    bool IsActive,
    DateOnly CreatedDate,
    bool IsCancelled)
{
    /// <summary>A cancelled account is shown as inactive: it can no longer be used.</summary>
    public bool ListedAsActive => IsActive && !IsCancelled;

    public SandboxUser ToPublic() =>
        new(Username, AllottedComputers, UtilizedComputers, IsActive, CreatedDate, IsCancelled);
}
