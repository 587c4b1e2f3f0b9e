namespace RemotePc.Sandbox.Faults;

internal readonly record struct FaultDecision(TimeSpan Latency, FaultKind Kind)
{
    public static readonly FaultDecision None = new(TimeSpan.Zero, FaultKind.None);
}
