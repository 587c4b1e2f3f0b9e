namespace RemotePc;

/// <param name="MalformedRows">Rows skipped (unusable) or degraded (unreadable date); the list is still usable.</param>
public sealed record UserListResult(IReadOnlyList<ResellerUser> Users, int MalformedRows);
