namespace Portal.Features.Connection;

/// <summary>
/// The RemotePC client's outermost handler with the embedded sandbox: waits for the sandbox to start (and its key to be
/// stored) and sends the request on to the port it listens on. Outside the resilience pipeline, so a start that seeds
/// many demo users is not cut short by an attempt's timeout.
/// </summary>
internal sealed class EmbeddedSandboxHandler(EmbeddedSandbox sandbox) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Once started, every call takes the started host without the start's lock and wait.
        var host = sandbox.StartedHost ?? await sandbox.GetHostAsync(cancellationToken).ConfigureAwait(false);
        request.RequestUri = Rebase(request.RequestUri!, host.ApiBaseAddress);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same path and query under <paramref name="apiBase"/> instead of <see cref="EmbeddedSandbox.ClientBaseAddress"/>.</summary>
    internal static Uri Rebase(Uri requestUri, Uri apiBase)
    {
        var relative = EmbeddedSandbox.ClientBaseAddress.MakeRelativeUri(requestUri);
        return relative.IsAbsoluteUri ? requestUri : new Uri(apiBase, relative);
    }
}
