namespace RemotePc;

/// <summary>RemotePC answered with a success status but a body this client cannot read. For add/invite the action probably happened.</summary>
public sealed class RemotePcResponseFormatException(string operation, Exception? innerException = null)
    : RemotePcException($"RemotePC answered {operation} with a response this client cannot read.", innerException)
{
    public string Operation { get; } = operation;
}
