using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Portal.Benchmarks;

/// <summary>
/// The quoted figures of issue 8: one row's BenchmarkDotNet classes, run in-process with baseline and candidates
/// ALTERNATING step by step (A B C, B C A, C A B ...), so a busy second on a shared 2-core machine lands on all of them.
/// Each round gives each benchmark a median (and P95) over its steps, each target a ratio of medians within that round;
/// the table shows every round and the median over rounds. BenchmarkDotNet itself runs one benchmark after the other,
/// which is why its tables (same classes, <c>--filter</c>) are kept for statistics and allocations, not for the ratios.
/// Run: dotnet run -c Release --project bench/Portal.Benchmarks -- interleaved (1|2|5) [rounds]
/// </summary>
internal static class InterleavedRun
{
    private static readonly Dictionary<string, (Type Type, int Steps)[]> Rows = new()
    {
        ["1"] = [(typeof(UserListFetchBenchmarks), 12)],
        ["2"] = [(typeof(UserQuerySetBenchmarks), 48)],
        ["5"] = [(typeof(CredentialCheckBenchmarks), 20)],
    };

    // A step of a nanosecond-scale benchmark is a batch of calls lasting about this long (timer resolution, loop overhead).
    private static readonly TimeSpan MinStep = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !Rows.TryGetValue(args[1], out var classes))
        {
            Console.Error.WriteLine("Usage: interleaved (1|2|5) [rounds]");
            return 2;
        }
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        var results = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var (type, steps) in classes)
        {
            await RunClassAsync(type, steps, rounds, results);
        }
        Print(results, rounds);
        return 0;
    }

    private sealed record Bench(string Name, Func<Task> Call, bool Sync, int Batch);

    private static async Task RunClassAsync(Type type, int steps, int rounds, SortedDictionary<string, List<double>> results)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(ParamsAttribute))))
        {
            property.SetValue(instance, property.GetCustomAttribute<ParamsAttribute>()!.Values[0]);
        }
        Invoke<GlobalSetupAttribute>(type, instance);
        try
        {
            var benches = new List<Bench>();
            foreach (var method in type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute))))
            {
                var (call, sync) = Compile(instance, method);
                for (var i = 0; i < 3; i++)
                {
                    await call(); // JIT and first-use work, not measured
                }
                var started = Stopwatch.GetTimestamp();
                await call();
                var once = Stopwatch.GetElapsedTime(started);
                // From 10 µs up a step is one call (so P95 is of single requests); below, a batch of about MinStep.
                benches.Add(new Bench(method.Name, call, sync, once.TotalMicroseconds >= 10 ? 1 : BatchFor(call)));
            }
            for (var round = 0; round < rounds; round++)
            {
                var times = benches.ToDictionary(b => b.Name, _ => new List<double>());
                var cpu = benches.ToDictionary(b => b.Name, _ => new List<double>());
                var bytes = benches.ToDictionary(b => b.Name, _ => 0L);
                for (var step = 0; step < steps; step++)
                {
                    for (var k = 0; k < benches.Count; k++)
                    {
                        var b = benches[(k + step + round) % benches.Count];
                        var allocated = GC.GetAllocatedBytesForCurrentThread();
                        var cpuBefore = Environment.CpuUsage.TotalTime;
                        var started = Stopwatch.GetTimestamp();
                        for (var i = 0; i < b.Batch; i++)
                        {
                            await b.Call();
                        }
                        times[b.Name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / b.Batch);
                        cpu[b.Name].Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / b.Batch);
                        bytes[b.Name] += (GC.GetAllocatedBytesForCurrentThread() - allocated) / b.Batch;
                    }
                }
                Collect(type, times, cpu, bytes.ToDictionary(p => p.Key, p => p.Value / steps), benches, results);
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(type, instance);
        }
    }

    private static int BatchFor(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < 1000; i++)
        {
            call().GetAwaiter().GetResult();
        }
        var perCall = Stopwatch.GetElapsedTime(started) / 1000;
        return (int)Math.Clamp(MinStep.Ticks / Math.Max(perCall.Ticks, 1), 1, 1_000_000);
    }

    private static void Collect(Type type, Dictionary<string, List<double>> times, Dictionary<string, List<double>> cpu, Dictionary<string, long> bytes,
        List<Bench> benches, SortedDictionary<string, List<double>> results)
    {
        double Median(string name) => Percentile(times[name], 0.5);
        foreach (var t in type.GetCustomAttributes<RatioTargetAttribute>())
        {
            Add(results, $"{t.Row} | {t.Candidate} / {t.Baseline} | ratio of medians, target <= {t.Max:0.###}x", Median(t.Candidate) / Median(t.Baseline));
            // Process CPU time (all threads: server, client, GC) per call: what the code costs, minus the wait for a core.
            Add(results, $"{t.Row} | {t.Candidate} / {t.Baseline} | ratio of median CPU time, same target", Percentile(cpu[t.Candidate], 0.5) / Percentile(cpu[t.Baseline], 0.5));
        }
        foreach (var t in type.GetCustomAttributes<AbsoluteTargetAttribute>())
        {
            var value = t.Statistic == "P95" ? Percentile(times[t.Benchmark], 0.95) : Median(t.Benchmark);
            var (unit, scale) = t.MaxMilliseconds < 0.1 ? ("µs", 1000.0) : ("ms", 1.0);
            Add(results, $"{t.Row} | {t.Benchmark} | {t.Statistic} {unit}, target < {t.MaxMilliseconds * scale:0.###}", value * scale);
            if (t.MaxAllocatedBytes >= 0 && benches.Single(b => b.Name == t.Benchmark).Sync)
            {
                Add(results, $"{t.Row} | {t.Benchmark} | allocated B/op, target <= {t.MaxAllocatedBytes}", bytes[t.Benchmark]);
            }
        }
        foreach (var name in times.Keys)
        {
            var micro = Median(name) < 0.1;
            Add(results, $"{type.Name} | {name} | median {(micro ? "µs" : "ms")}", Median(name) * (micro ? 1000 : 1));
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    // A compiled call (not MethodInfo.Invoke, whose overhead would swamp a nanosecond benchmark); results are discarded.
    private static (Func<Task> Call, bool Sync) Compile(object instance, MethodInfo method)
    {
        var call = Expression.Call(Expression.Constant(instance), method);
        if (typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            return (Expression.Lambda<Func<Task>>(Expression.Convert(call, typeof(Task))).Compile(), false);
        }
        var action = Expression.Lambda<Action>(call).Compile();
        return (() => { action(); return Task.CompletedTask; }, true);
    }

    private static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.IsDefined(typeof(TAttribute))))
        {
            method.Invoke(instance, null);
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

    private static string Format(double value) => value.ToString(
        Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.00" : Math.Abs(value) >= 0.01 ? "0.0000" : "0.000000", CultureInfo.InvariantCulture);
}
