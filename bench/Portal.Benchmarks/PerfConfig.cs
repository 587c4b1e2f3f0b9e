using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Portal.Benchmarks;

/// <summary>Columns every issue-8 benchmark prints: median and P95 beside the mean, the median ratio, allocations.</summary>
internal class PerfConfig : ManualConfig
{
    public PerfConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, MedianRatioColumn.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
