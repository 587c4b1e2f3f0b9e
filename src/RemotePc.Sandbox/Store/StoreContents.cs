using RemotePc.Sandbox.Model;

namespace RemotePc.Sandbox.Store;

internal sealed record StoreContents(
    IReadOnlyList<UserRecord> Users,
    IReadOnlyList<PendingInvitation> Invitations,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<string> BlockedIps);
