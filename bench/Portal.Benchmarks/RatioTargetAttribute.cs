namespace Portal.Benchmarks;

/// <summary>
/// A target of issue 8 as data: <c>Candidate</c>'s median over <c>Baseline</c>'s median, both measured in the same run,
/// must stay within <c>Max</c>. <see cref="PerfRounds"/> prints it per round and the median over rounds.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class RatioTargetAttribute(string row, string candidate, string baseline, double max) : Attribute
{
    public string Row { get; } = row;

    public string Candidate { get; } = candidate;

    public string Baseline { get; } = baseline;

    public double Max { get; } = max;
}
