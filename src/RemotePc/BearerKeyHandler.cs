using System.Net.Http.Headers;

namespace RemotePc;

internal sealed class BearerKeyHandler(IRemotePcKeyStore keyStore) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = await keyStore.GetKeyAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new RemotePcKeyMissingException();
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        return await base.SendAsync(request, cancellationToken);
    }
}
