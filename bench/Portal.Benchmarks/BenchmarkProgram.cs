using BenchmarkDotNet.Running;

namespace Portal.Benchmarks;

public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["load", ..])
        {
            return await LoadRun.RunAsync(args);
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
