using System.Text.Json;
using Microsoft.Extensions.Options;
using RemotePc.Wire;

namespace RemotePc;

internal sealed class RemotePcClient(IRemotePcApi api, IOptions<RemotePcOptions> options) : IRemotePcClient
{
    public Task AddUserAsync(NewResellerUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return InvokeAsync("user/add", ct => api.AddUserAsync(AddUserRequest.From(user), ct), cancellationToken, cancellationToken);
    }

    public async Task<IReadOnlyList<InvitationResult>> InviteAsync(IReadOnlyList<InvitationRequest> invitations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        var body = invitations.Select(InviteRequestItem.From).ToList();
        var envelope = await InvokeAsync("user/invite", ct => api.InviteAsync(body, ct), cancellationToken, cancellationToken);
        if (envelope.Message is not { } items)
        {
            throw new RemotePcResponseFormatException("user/invite");
        }

        return items.Select(item => item.ToResult()).ToList();
    }

    public async Task<Uri> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var body = new SignInRequest { Username = username, Password = password };
        var envelope = await InvokeAsync("user/signin", ct => api.SignInAsync(body, ct), cancellationToken, cancellationToken);
        if (!Uri.TryCreate(envelope.Message?.RpcRedirectLink, UriKind.Absolute, out var link)
            || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new RemotePcResponseFormatException("user/signin");
        }

        return link;
    }

    public async Task<UserListResult> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        // Covers the retries and the streamed body, which the pipeline's per-attempt timeout does not see.
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(options.Value.ListTotalTimeout);
        return await InvokeAsync(IRemotePcApi.ListPath, async ct =>
        {
            using var response = await api.ListUsersAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorEnvelopeReader.ReadAsync(response, options.Value.MaxErrorBodyBytes, ct);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            return await UserListReader.ReadAsync(stream, ct);
        }, total.Token, cancellationToken);
    }

    // One place that guarantees only RemotePcException (or the caller's own cancellation) leaves the client.
    private static async Task<T> InvokeAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return await call(token);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e) when (token.IsCancellationRequested)
        {
            throw new RemotePcTransportException(TransportFailureKind.Timeout, outcomeUnknown: true, e);
        }
        catch (JsonException e)
        {
            throw new RemotePcResponseFormatException(operation, e);
        }
        catch (Refit.ApiException e)
        {
            // Refit only builds one when our ExceptionFactory is bypassed; keep the status, drop the request it carries.
            throw new RemotePcApiException(e.StatusCode, "", []);
        }
        catch (Exception e) when (TransportFailures.Classify(e) is RemotePcException mapped)
        {
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }

            throw mapped;
        }
    }
}
