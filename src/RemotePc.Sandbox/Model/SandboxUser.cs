namespace RemotePc.Sandbox;

/// <summary>A sub-user as tests and the control surface see it (no password hash).</summary>
public sealed record SandboxUser(
    string Username,
    int AllottedComputers,
    int UtilizedComputers,
    bool IsActive,
    DateOnly CreatedDate,
    bool IsCancelled);
