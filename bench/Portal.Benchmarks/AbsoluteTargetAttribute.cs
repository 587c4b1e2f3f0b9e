namespace Portal.Benchmarks;

/// <summary>An absolute target of issue 8: a statistic of one benchmark (Median or P95) under a time, optionally with a byte budget.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class AbsoluteTargetAttribute(string row, string benchmark, string statistic, double maxMilliseconds) : Attribute
{
    public string Row { get; } = row;

    public string Benchmark { get; } = benchmark;

    /// <summary>"Median" or "P95" of the benchmark's measured iterations.</summary>
    public string Statistic { get; } = statistic;

    public double MaxMilliseconds { get; } = maxMilliseconds;

    /// <summary>Allocated bytes per operation allowed; negative when the target says nothing about memory.</summary>
    public long MaxAllocatedBytes { get; init; } = -1;
}
