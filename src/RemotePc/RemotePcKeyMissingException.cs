namespace RemotePc;

/// <summary>No API key is configured; nothing was sent.</summary>
public sealed class RemotePcKeyMissingException() : RemotePcException("No RemotePC API key is configured; nothing was sent.");
