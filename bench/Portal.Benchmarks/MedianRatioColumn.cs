using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Portal.Benchmarks;

/// <summary>
/// Median over the baseline's median. BenchmarkDotNet's own Ratio is built from means, which one stall on a shared
/// 2-core machine can drag; the issue asks for the median.
/// </summary>
internal sealed class MedianRatioColumn : BaselineCustomColumn
{
    public static readonly MedianRatioColumn Instance = new();

    public override string Id => nameof(MedianRatioColumn);

    public override string ColumnName => "Median ratio";

    public override int PriorityInCategory => 10;

    public override bool IsNumeric => true;

    public override UnitType UnitType => UnitType.Dimensionless;

    public override string Legend => "Median of this benchmark over the median of the baseline in the same run";

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, Statistics baseline,
        IReadOnlyDictionary<string, Metric> baselineMetrics, Statistics current, IReadOnlyDictionary<string, Metric> currentMetrics, bool isBaseline) =>
        (current.Median / baseline.Median).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
