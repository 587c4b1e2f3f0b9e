using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Portal.Benchmarks;

/// <summary>
/// Runs one row's benchmark classes several times in a row (baseline and candidates alternate: A B A B ...), then prints
/// each target per round and the median over the rounds. On a shared 2-core machine a single run can land on a busy
/// minute; the median of rounds, each a ratio within its own run, does not.
/// Run: dotnet run -c Release --project bench/Portal.Benchmarks -- rounds (1|2|5) [rounds]
/// </summary>
internal static class PerfRounds
{
    private static readonly Dictionary<string, Type[]> Rows = new()
    {
        ["1"] = [typeof(UserListFetchBenchmarks)],
        ["2"] = [typeof(UserQueryBenchmarks), typeof(UserQuerySetBenchmarks)],
        ["5"] = [typeof(CredentialCheckBenchmarks)],
    };

    public static int Run(string[] args)
    {
        if (args.Length < 2 || !Rows.TryGetValue(args[1], out var types))
        {
            Console.Error.WriteLine("Usage: rounds (1|2|5) [rounds]");
            return 2;
        }
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var results = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var type in types)
            {
                Collect(BenchmarkRunner.Run(type), type, results);
            }
        }
        Print(results, rounds);
        return 0;
    }

    private static void Collect(Summary summary, Type type, SortedDictionary<string, List<double>> results)
    {
        foreach (var group in summary.Reports.Where(r => r.ResultStatistics is not null).GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo))
        {
            var byMethod = group.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name);
            var suffix = group.Key.Length > 0 ? $" [{group.Key}]" : "";
            foreach (var t in type.GetCustomAttributes<RatioTargetAttribute>())
            {
                if (byMethod.TryGetValue(t.Candidate, out var candidate) && byMethod.TryGetValue(t.Baseline, out var baseline))
                {
                    Add(results, $"{t.Row} | {t.Candidate} / {t.Baseline}{suffix} | ratio of medians, target <= {t.Max:0.###}x",
                        candidate.ResultStatistics!.Median / baseline.ResultStatistics!.Median);
                }
            }
            foreach (var t in type.GetCustomAttributes<AbsoluteTargetAttribute>())
            {
                if (byMethod.TryGetValue(t.Benchmark, out var report))
                {
                    var stats = report.ResultStatistics!;
                    var nanoseconds = t.Statistic == "P95" ? stats.Percentiles.P95 : stats.Median;
                    Add(results, $"{t.Row} | {t.Benchmark}{suffix} | {t.Statistic} ms, target < {t.MaxMilliseconds:0.###}", nanoseconds / 1e6);
                    if (t.MaxAllocatedBytes >= 0 && report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes)
                    {
                        Add(results, $"{t.Row} | {t.Benchmark}{suffix} | allocated B/op, target <= {t.MaxAllocatedBytes}", bytes);
                    }
                }
            }
        }
    }

    private static void Add(SortedDictionary<string, List<double>> results, string key, double value)
    {
        if (!results.TryGetValue(key, out var values))
        {
            results[key] = values = [];
        }
        values.Add(value);
    }

    private static void Print(SortedDictionary<string, List<double>> results, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine($"| Row | Measure | What | {string.Join(" | ", Enumerable.Range(1, rounds).Select(r => $"round {r}"))} | median |");
        Console.WriteLine($"|---|---|---|{string.Concat(Enumerable.Repeat("---|", rounds))}---|");
        foreach (var (key, values) in results)
        {
            var median = values.Order().ElementAt(values.Count / 2);
            Console.WriteLine($"| {key} | {string.Join(" | ", values.Select(Format))} | **{Format(median)}** |");
        }
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : value >= 1 ? "0.00" : "0.0000", CultureInfo.InvariantCulture);
}
