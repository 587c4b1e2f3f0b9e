namespace RemotePc;

/// <summary>Supplies the reseller API key. Registered as a singleton: message handlers are pooled and outlive any scope.</summary>
public interface IRemotePcKeyStore
{
    ValueTask<string?> GetKeyAsync(CancellationToken ct);
}

// The portal may start before an administrator has entered a key; calls then fail with RemotePcKeyMissingException instead of the app refusing to start.
internal sealed class NoRemotePcKeyStore : IRemotePcKeyStore
{
    public ValueTask<string?> GetKeyAsync(CancellationToken ct) => ValueTask.FromResult<string?>(null);
}
