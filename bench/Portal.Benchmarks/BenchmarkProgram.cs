using BenchmarkDotNet.Running;

namespace Portal.Benchmarks;

public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["load", ..] => await LoadRun.RunAsync(args),
        ["api-auth", ..] => await ApiAuthThroughputRun.RunAsync(args),
        ["api-check", ..] => await CredentialLookupRun.RunAsync(args),
        ["interleaved", ..] => await InterleavedRun.RunAsync(args),
        _ => Run(args),
    };

    private static int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
