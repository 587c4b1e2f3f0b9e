namespace RemotePc;

/// <summary>Base of every failure the client reports; messages are safe to show staff and to log (no key, body or password).</summary>
public abstract class RemotePcException : Exception
{
    protected RemotePcException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
