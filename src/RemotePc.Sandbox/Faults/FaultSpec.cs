namespace RemotePc.Sandbox;

/// <summary>
/// Faults for one endpoint (or all). Evaluated per call in this order: latency, then the next-N failures, then
/// <see cref="Always"/>, then the random share of 500s.
/// </summary>
public sealed record FaultSpec
{
    public static readonly TimeSpan MaxHang = TimeSpan.FromMinutes(10);

    /// <summary>Added before every call is processed (real time, even when the host runs on a fake clock).</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share of calls answered with 500, 0..1.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>The next N calls fail with <see cref="FailNextKind"/>; later calls are processed normally.</summary>
    public int FailNextCount { get; init; }

    public FaultKind FailNextKind { get; init; } = FaultKind.ServerError;

    /// <summary>Every call fails this way until the faults are cleared.</summary>
    public FaultKind Always { get; init; } = FaultKind.None;

    internal void Validate()
    {
        if (LatencyMs < 0 || LatencyMs > MaxHang.TotalMilliseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(LatencyMs), LatencyMs, "Latency must be between 0 and 600000 ms.");
        }

        if (ServerErrorRate is < 0 or > 1 || double.IsNaN(ServerErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(ServerErrorRate), ServerErrorRate, "The share of 500s must be between 0 and 1.");
        }

        if (FailNextCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FailNextCount), FailNextCount, "The count must not be negative.");
        }

        if (!Enum.IsDefined(FailNextKind) || !Enum.IsDefined(Always))
        {
            throw new ArgumentOutOfRangeException(nameof(FailNextKind), "Unknown fault kind.");
        }
    }
}
