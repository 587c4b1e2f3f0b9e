namespace RemotePc;

/// <summary>
/// RemotePC's reseller API. Failures: <see cref="RemotePcApiException"/> (RemotePC answered with an error),
/// <see cref="RemotePcTransportException"/> (no answer), <see cref="RemotePcKeyMissingException"/> (nothing sent),
/// <see cref="RemotePcResponseFormatException"/> (a success this client cannot read). Caller cancellation stays an OperationCanceledException.
/// </summary>
public interface IRemotePcClient
{
    Task AddUserAsync(NewResellerUser user, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<InvitationResult>> InviteAsync(IReadOnlyList<InvitationRequest> invitations, CancellationToken cancellationToken = default);

    /// <returns>The auto-login link: a bearer credential for the customer's account; never store or log it.</returns>
    Task<Uri> SignInAsync(string username, string password, CancellationToken cancellationToken = default);

    Task<UserListResult> ListUsersAsync(CancellationToken cancellationToken = default);
}
