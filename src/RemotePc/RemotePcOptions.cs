namespace RemotePc;

public sealed class RemotePcOptions
{
    public const string Section = "RemotePc";
}
