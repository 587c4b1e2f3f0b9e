namespace Portal.Harness.Infrastructure;

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile: no interpolation, so a reported p95 is a sample that was actually seen.</summary>
    public static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(share * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
